import type { EarlyHelpEpisodeOpenedV1 } from '@csc/contracts';
import { decide, foldEpisode, type EpisodeCommand, type EpisodeEvent } from '../episode.decider';
import { episodeList } from '../list-episodes/episode.list';
import { isEpisodeOverdue, nextEpisodeDueOf } from './episode-due-dates';
import { EPISODE_STAGES } from './episode-stage';

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
const stateAfter = (...commands: EpisodeCommand[]) =>
  foldEpisode(
    commands.reduce<EpisodeEvent[]>(
      (events, command) => [...events, ...decide(command, foldEpisode(events))],
      [{ type: 'EarlyHelpEpisodeOpened', data: opened }],
    ),
  );
const assess: EpisodeCommand = { type: 'CompleteAssessment', completedOn: '2025-02-10', needs: ['GOOD_EDUCATION'] };
const plan: EpisodeCommand = { type: 'AgreePlan', agreedOn: '2025-02-17', goals: ['Attendance above 90%'] };

describe("an early help episode's next due date", () => {
  it('opened: the assessment, 45 working days from opening, overdue from the day after', () => {
    // Nine working weeks from Monday 3 February 2025.
    expect(nextEpisodeDueOf(stateAfter())).toEqual({ what: 'ASSESSMENT', dueOn: '2025-04-07' });
    expect(isEpisodeOverdue('2025-04-07', '2025-04-07')).toBe(false);
    expect(isEpisodeOverdue('2025-04-07', '2025-04-08')).toBe(true);
    expect(isEpisodeOverdue(null, '2030-01-01')).toBe(false);
  });

  it('assessed: the plan, 20 working days from the assessment', () => {
    expect(nextEpisodeDueOf(stateAfter(assess))).toEqual({ what: 'PLAN', dueOn: '2025-03-10' });
  });

  it('planned: a review 3 months after the plan, then 3 months after the latest review', () => {
    expect(nextEpisodeDueOf(stateAfter(assess, plan))).toEqual({ what: 'REVIEW', dueOn: '2025-05-17' });
    const reviewed = stateAfter(assess, plan, { type: 'Review', heldOn: '2025-04-01' }, { type: 'Review', heldOn: '2025-05-30' });
    expect(nextEpisodeDueOf(reviewed)).toEqual({ what: 'REVIEW', dueOn: '2025-08-30' });
  });

  it('closed: nothing is due', () => {
    expect(nextEpisodeDueOf(stateAfter(assess, { type: 'Close', closedOn: '2025-03-01', outcome: 'LEFT_WITHOUT_GRADUATING' }))).toBeNull();
  });

  it("the list row carries the view's stage word and the next due date, nothing personal", () => {
    const row = episodeList.rowOf(stateAfter(assess));
    expect(row).toEqual({
      child_id: opened.childId,
      stage: 'ASSESSED',
      opened_on: '2025-02-03',
      next_due_what: 'PLAN',
      next_due_on: '2025-03-10',
    });
    expect(EPISODE_STAGES).toContain(row!.stage);
    expect(JSON.stringify(row)).not.toMatch(/Noah|Testchild/);
  });
});
