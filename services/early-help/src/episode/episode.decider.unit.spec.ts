import type { EarlyHelpEpisodeOpenedV1 } from '@csc/contracts';
import { DomainRuleViolation, StateConflict } from '@csc/domain';
import { decide, foldEpisode, type EpisodeCommand, type EpisodeEvent } from './episode.decider';

const opened: EarlyHelpEpisodeOpenedV1 = {
  episodeId: 'e0e0e0e0-0000-4000-8000-000000000001',
  childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  openedOn: '2025-02-03',
  origin: 'REFERRAL_STEP_DOWN',
  originId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  requestedByOrganisationId: null,
  sex: 'M',
  schoolUrn: '100001',
  consentGiven: true,
  subject: { child: { givenName: 'Noah', familyName: 'Testchild', dateOfBirth: '2015-05-05' } },
};
const history = (...commands: EpisodeCommand[]): EpisodeEvent[] =>
  commands.reduce<EpisodeEvent[]>(
    (events, command) => [...events, ...decide(command, foldEpisode(events))],
    [{ type: 'EarlyHelpEpisodeOpened', data: opened }],
  );
const rule = (events: EpisodeEvent[], command: EpisodeCommand) => {
  try {
    decide(command, foldEpisode(events));
  } catch (error) {
    if (error instanceof DomainRuleViolation) return error.rule;
    if (error instanceof StateConflict) return `conflict:${error.field}`;
    throw error;
  }
  throw new Error(`${command.type} was allowed`);
};

const assess: EpisodeCommand = { type: 'CompleteAssessment', completedOn: '2025-02-10', needs: ['GOOD_EDUCATION', 'FAMILY_RELATIONSHIPS'] };
const team: EpisodeCommand = {
  type: 'FormTeam',
  formedOn: '2025-02-12',
  leadPractitioner: 'Jo Lead',
  members: ['School nurse', 'Family support worker'],
};
const plan: EpisodeCommand = { type: 'AgreePlan', agreedOn: '2025-02-17', goals: ['Attendance above 90%', 'Calmer mornings'] };
const score = (scoredOn: string, scores: Record<string, number>): EpisodeCommand => ({ type: 'ScoreOutcomesLadder', scoredOn, scores });
const close = (outcome: 'GRADUATED' | 'LEFT_WITHOUT_GRADUATING' | 'NOT_PROGRESSED' | 'STEPPED_UP' | 'MOVED_AWAY'): EpisodeCommand => ({
  type: 'Close',
  closedOn: '2025-07-18',
  outcome,
});

describe('early help episode decider', () => {
  it('opens once', () => {
    expect(decide({ type: 'OpenEpisode', opened }, foldEpisode([]))).toEqual([{ type: 'EarlyHelpEpisodeOpened', data: opened }]);
    expect(rule(history(), { type: 'OpenEpisode', opened })).toBe('conflict:episodeId');
  });

  it('assesses needs among the ten outcome areas, once, not before opening', () => {
    expect(history(assess).at(-1)).toMatchObject({
      type: 'EarlyHelpAssessmentCompleted',
      data: { needs: ['GOOD_EDUCATION', 'FAMILY_RELATIONSHIPS'] },
    });
    expect(rule(history(), { ...assess, needs: ['BEING_HAPPY'] } as EpisodeCommand)).toBe('known-outcome-areas');
    expect(rule(history(), { ...assess, completedOn: '2025-02-01' } as EpisodeCommand)).toBe('not-before-opening');
    expect(rule(history(assess), assess)).toBe('conflict:completedOn');
  });

  it('forms a team around the family with a lead practitioner (names only in data.subject)', () => {
    expect(history(team).at(-1)).toMatchObject({
      type: 'TeamAroundTheFamilyFormed',
      data: { memberCount: 2, subject: { leadPractitioner: 'Jo Lead' } },
    });
  });

  it('agrees no plan before an assessment', () => {
    expect(rule(history(), plan)).toBe('plan-after-assessment');
    expect(rule(history(assess), { ...plan, agreedOn: '2025-02-09' } as EpisodeCommand)).toBe('plan-after-assessment');
    expect(history(assess, plan).at(-1)).toMatchObject({ type: 'EarlyHelpPlanAgreed', data: { goalCount: 2 } });
  });

  it('scores the ladder 1-10 for known areas only, several times', () => {
    const scored = history(assess, score('2025-02-10', { GOOD_EDUCATION: 3 }), score('2025-05-10', { GOOD_EDUCATION: 6 }));
    expect(scored.filter((event) => event.type === 'OutcomesLadderScored')).toHaveLength(2);
    expect(rule(history(), score('2025-02-10', { GOOD_EDUCATION: 11 }))).toBe('ladder-1-to-10');
    expect(rule(history(), score('2025-02-10', { GOOD_EDUCATION: 0 }))).toBe('ladder-1-to-10');
    expect(rule(history(), score('2025-02-10', { HAPPINESS: 5 }))).toBe('known-outcome-areas');
    expect(rule(history(), score('2025-02-10', {}))).toBe('ladder-some-area');
  });

  it('reviews the plan, once there is one', () => {
    expect(rule(history(assess), { type: 'Review', heldOn: '2025-03-01' })).toBe('review-of-a-plan');
    expect(history(assess, plan, { type: 'Review', heldOn: '2025-03-01' }).at(-1)?.type).toBe('EarlyHelpReviewed');
  });

  it('GRADUATED only after support (a plan); NOT_PROGRESSED only without one', () => {
    expect(rule(history(assess), close('GRADUATED'))).toBe('graduated-had-support');
    expect(history(assess, plan, close('GRADUATED')).at(-1)).toMatchObject({ data: { outcome: 'GRADUATED', hadPlan: true } });
    expect(rule(history(assess, plan), close('NOT_PROGRESSED'))).toBe('not-progressed-had-no-plan');
    expect(history(close('NOT_PROGRESSED')).at(-1)).toMatchObject({ data: { outcome: 'NOT_PROGRESSED', hadPlan: false } });
    expect(history(assess, plan, close('LEFT_WITHOUT_GRADUATING')).at(-1)?.type).toBe('EarlyHelpEpisodeClosed');
    expect(history(close('MOVED_AWAY')).at(-1)?.type).toBe('EarlyHelpEpisodeClosed');
    expect(rule(history(), close('STEPPED_UP'))).toBe('step-up-via-step-up');
  });

  it('steps up to social care, which closes the episode and carries what the front door needs', () => {
    const steppedUp = history(assess, team, {
      type: 'StepUp',
      on: '2025-04-01',
      steppedUpAt: '2025-04-01T10:00:00.000Z',
      reason: 'Disclosure at school.',
    });
    expect(steppedUp.slice(-2)).toMatchObject([
      {
        type: 'EarlyHelpSteppedUp',
        data: {
          episodeId: opened.episodeId,
          childId: opened.childId,
          sex: 'M',
          schoolUrn: '100001',
          subject: { child: opened.subject.child, reason: 'Disclosure at school.', leadPractitioner: 'Jo Lead' },
        },
      },
      { type: 'EarlyHelpEpisodeClosed', data: { outcome: 'STEPPED_UP', hadPlan: false } },
    ]);
  });

  it('records nothing after closure', () => {
    const closed = history(close('MOVED_AWAY'));
    expect(rule(closed, assess)).toBe('nothing-after-closure');
    expect(rule(closed, { type: 'StepUp', on: '2025-08-01', steppedUpAt: '2025-08-01T10:00:00Z', reason: 'x' })).toBe(
      'nothing-after-closure',
    );
  });
});
