import { EARLY_HELP_OUTCOMES, type EarlyHelpEpisodeOpenedV1 } from '@csc/contracts';
import type { EpisodeEvent } from '../episode.decider';
import { describeEpisodeEvent, describeEpisodeEventForSchool } from './episode-chronology';

const EPISODE = 'e0e0e0e0-0000-4000-8000-000000000001';
const opened: EarlyHelpEpisodeOpenedV1 = {
  episodeId: EPISODE,
  childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  openedOn: '2025-02-03',
  origin: 'DIRECT_REQUEST',
  originId: null,
  requestedByOrganisationId: '100001',
  sex: 'M',
  schoolUrn: '100001',
  consentGiven: true,
  subject: { child: { givenName: 'Noah', familyName: 'Testchild', dateOfBirth: '2015-05-05' }, reason: 'Worried about mornings' },
};

// One of each event type of an episode, with what practitioners and the asking school are told: the compiler fails this file when a type is added without one.
const ONE_OF_EACH: { [T in EpisodeEvent['type']]: [Extract<EpisodeEvent, { type: T }>, string, string | null] } = {
  EarlyHelpEpisodeOpened: [
    { type: 'EarlyHelpEpisodeOpened', data: opened },
    "Early help episode opened on 2025-02-03 (asked for directly; the family's consent given)",
    'Early help episode opened on 2025-02-03',
  ],
  EarlyHelpAssessmentCompleted: [
    {
      type: 'EarlyHelpAssessmentCompleted',
      data: { episodeId: EPISODE, completedOn: '2025-02-10', needs: ['GOOD_EDUCATION', 'SECURE_HOUSING'] },
    },
    'Early help assessment completed on 2025-02-10; needs: getting a good education; secure housing',
    'Early help assessment completed on 2025-02-10',
  ],
  TeamAroundTheFamilyFormed: [
    {
      type: 'TeamAroundTheFamilyFormed',
      data: {
        episodeId: EPISODE,
        formedOn: '2025-02-12',
        memberCount: 2,
        subject: { leadPractitioner: 'Jo Lead', members: ['Sue Nurse', 'Al Support'] },
      },
    },
    'Team around the family formed on 2025-02-12 (lead practitioner and 2 members recorded)',
    'Team around the family formed on 2025-02-12',
  ],
  EarlyHelpPlanAgreed: [
    {
      type: 'EarlyHelpPlanAgreed',
      data: { episodeId: EPISODE, agreedOn: '2025-02-17', goalCount: 1, subject: { goals: ['Attendance above 90%'] } },
    },
    'Early help plan agreed on 2025-02-17 with 1 goal',
    'Early help plan agreed on 2025-02-17',
  ],
  OutcomesLadderScored: [
    {
      type: 'OutcomesLadderScored',
      data: { episodeId: EPISODE, scoredOn: '2025-02-17', scores: { GOOD_EDUCATION: 3, FINANCIAL_STABILITY: 6 } },
    },
    'Outcomes ladder scored on 2025-02-17 (out of 10): getting a good education 3; financial stability 6',
    null,
  ],
  EarlyHelpReviewed: [
    { type: 'EarlyHelpReviewed', data: { episodeId: EPISODE, heldOn: '2025-03-17' } },
    'Early help reviewed on 2025-03-17',
    null,
  ],
  EarlyHelpSteppedUp: [
    {
      type: 'EarlyHelpSteppedUp',
      // Half past midnight in England (British Summer Time) is still the evening before in UTC.
      data: {
        episodeId: EPISODE,
        childId: opened.childId,
        steppedUpAt: '2025-06-30T23:30:00Z',
        sex: 'M',
        schoolUrn: '100001',
        consentGiven: true,
        subject: { child: opened.subject.child, reason: 'Disclosure at school', leadPractitioner: 'Jo Lead' },
      },
    },
    "Stepped up to children's social care on 2025-07-01 (reason recorded)",
    null,
  ],
  EarlyHelpEpisodeClosed: [
    { type: 'EarlyHelpEpisodeClosed', data: { episodeId: EPISODE, closedOn: '2025-07-01', outcome: 'STEPPED_UP', hadPlan: true } },
    "Early help ended on 2025-07-01: stepped up to children's social care",
    "Early help ended on 2025-07-01: stepped up to children's social care",
  ],
};
const EXAMPLES = Object.entries(ONE_OF_EACH);
const PERSONAL = /Noah|Testchild|2015-05-05|Worried|Jo Lead|Sue|Al Support|Attendance|Disclosure/;
const FUTURE = { type: 'FamilyMeetingHeld', data: { attendees: ['Noah'] } } as unknown as EpisodeEvent;

describe('an early help episode in plain words, for its practitioners', () => {
  it.each(EXAMPLES)('words %s', (_type, [event, sentence]) => {
    expect(describeEpisodeEvent(event)).toBe(sentence);
  });

  it('never quotes the reason, the goals or anyone’s name', () => {
    expect(EXAMPLES.map(([, [event]]) => describeEpisodeEvent(event)).join('\n')).not.toMatch(PERSONAL);
  });

  it('words every ending', () => {
    for (const outcome of EARLY_HELP_OUTCOMES)
      expect(
        describeEpisodeEvent({
          type: 'EarlyHelpEpisodeClosed',
          data: { episodeId: EPISODE, closedOn: '2025-07-01', outcome, hadPlan: true },
        }),
      ).toMatch(/^Early help ended on 2025-07-01: [a-z]/);
  });

  it('gives an event type it does not know a neutral sentence, reading none of its data', () => {
    expect(describeEpisodeEvent(FUTURE)).toBe('Something else was recorded (FamilyMeetingHeld)');
  });
});

describe('an early help episode in plain words, for the school that asked for it', () => {
  it.each(EXAMPLES)('tells it of %s only as a stage', (_type, [event, , forSchool]) => {
    expect(describeEpisodeEventForSchool(event)).toBe(forSchool);
  });

  it('is told nothing of an event type it does not know', () => {
    expect(describeEpisodeEventForSchool(FUTURE)).toBeNull();
  });
});
