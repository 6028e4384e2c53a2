import type { CaseOpenedV1 } from '@csc/contracts';
import { decide, foldCase, type CaseCommand, type CaseEvent } from '../case.decider';
import { caseloadList } from '../list-cases/caseload.list';
import { isOverdue, nextDueOf, outstandingDueDatesOf } from './case-due-dates';

const opened = {
  caseId: '0c0c0c0c-0000-4000-8000-000000000001',
  childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  referralDate: '2025-01-03',
  primaryNeed: 'N1',
  source: '2A',
  referrerOrganisationId: '100001',
  child: { ageAtReferral: 10, unborn: false, sex: 'F', schoolUrn: '100001' },
  consentGiven: true,
  subject: { child: { givenName: 'Amelia', familyName: 'Testchild', dateOfBirth: '2014-06-01' } },
} satisfies CaseOpenedV1;
const stateAfter = (...commands: CaseCommand[]) =>
  foldCase(
    commands.reduce<CaseEvent[]>(
      (events, command) => [...events, ...decide(command, foldCase(events))],
      [{ type: 'CaseOpened', data: opened }],
    ),
  );
const ASSESSMENT = 'a1a1a1a1-0000-4000-8000-000000000001';
const S47 = 'c3c3c3c3-0000-4000-8000-000000000001';
const PLAN = 'e5e5e5e5-0000-4000-8000-000000000001';
const start: CaseCommand = { type: 'StartAssessment', assessmentId: ASSESSMENT, startedOn: '2025-01-06' };
const strategy: CaseCommand = {
  type: 'HoldStrategyDiscussion',
  strategyDiscussionId: 'b2b2b2b2-0000-4000-8000-000000000001',
  section47Id: S47,
  heldOn: '2025-01-07',
  section47: true,
};
const conference: CaseCommand = {
  type: 'HoldConference',
  conferenceId: 'd4d4d4d4-0000-4000-8000-000000000001',
  planId: PLAN,
  heldOn: '2025-01-27',
  childProtectionPlan: true,
  category: 'NEG',
};
const complete: CaseCommand = {
  type: 'CompleteAssessment',
  assessmentId: ASSESSMENT,
  authorisedOn: '2025-02-14',
  factors: ['16A'],
  outcome: 'CHILD_IN_NEED',
};

describe("a case's next due date: the soonest of what the case view shows as due", () => {
  it('a new case: its assessment, 45 working days from the referral, overdue from the day after', () => {
    const state = stateAfter();
    expect(nextDueOf(state)).toEqual({ what: 'ASSESSMENT', dueOn: '2025-03-07' });
    expect(isOverdue(state, '2025-03-07', '2025-03-07')).toBe(false);
    expect(isOverdue(state, '2025-03-07', '2025-03-08')).toBe(true);
  });

  it('an S47 awaiting its ICPC comes before a later assessment due date', () => {
    const state = stateAfter(start, strategy);
    expect(outstandingDueDatesOf(state)).toEqual([
      { what: 'ASSESSMENT', dueOn: '2025-03-07' },
      { what: 'ICPC', dueOn: '2025-01-28' },
    ]);
    expect(nextDueOf(state)).toEqual({ what: 'ICPC', dueOn: '2025-01-28' });
  });

  it('once conferenced and assessed, the CP plan review 3 months after the ICPC is next', () => {
    const state = stateAfter(
      start,
      strategy,
      { type: 'ConcludeSection47', section47Id: S47, concludedOn: '2025-01-17', icpcRequired: true },
      conference,
      complete,
    );
    expect(nextDueOf(state)).toEqual({ what: 'CP_REVIEW', dueOn: '2025-04-27' });
  });

  it('nothing is due when every step is done, and nothing on a closed case, however late', () => {
    const assessed = stateAfter(start, complete);
    expect(nextDueOf(assessed)).toBeNull();
    const closed = stateAfter({ type: 'CloseCase', closedOn: '2025-01-20', reason: 'RC7' });
    expect(outstandingDueDatesOf(closed)).toHaveLength(1);
    expect(nextDueOf(closed)).toBeNull();
    expect(isOverdue(closed, '2025-03-07', '2026-01-01')).toBe(false);
  });

  it('the caseload row carries the stage and the next due date, nothing personal', () => {
    const row = caseloadList.rowOf(stateAfter(start, strategy));
    expect(row).toEqual({
      child_id: opened.childId,
      referral_id: opened.referralId,
      stage: 'SECTION_47',
      opened_on: '2025-01-03',
      next_due_what: 'ICPC',
      next_due_on: '2025-01-28',
    });
    expect(JSON.stringify(row)).not.toMatch(/Amelia|Testchild|2014-06-01/);
  });
});
