import type { CaseOpenedV1 } from '@csc/contracts';
import { decide, foldCase, type CaseCommand, type CaseEvent } from './case.decider';
import { caseView } from './case-view';

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
const history = (...commands: CaseCommand[]): CaseEvent[] =>
  commands.reduce<CaseEvent[]>(
    (events, command) => [...events, ...decide(command, foldCase(events))],
    [{ type: 'CaseOpened', data: opened }],
  );
const view = (events: CaseEvent[], today: string) => caseView(foldCase(events), events.length, today);

describe('case view: what is due, as of today', () => {
  it('the assessment is due 45 working days from the referral, and overdue the day after', () => {
    expect(view(history(), '2025-03-07').dueDates).toMatchObject({ assessmentDueDate: '2025-03-07', assessmentOverdue: false });
    expect(view(history(), '2025-03-08').dueDates).toMatchObject({ assessmentDueDate: '2025-03-07', assessmentOverdue: true });
    const done = history(
      { type: 'StartAssessment', assessmentId: 'a1a1a1a1-0000-4000-8000-000000000001', startedOn: '2025-01-06' },
      {
        type: 'CompleteAssessment',
        assessmentId: 'a1a1a1a1-0000-4000-8000-000000000001',
        authorisedOn: '2025-02-14',
        factors: ['16A'],
        outcome: 'STRATEGY_DISCUSSION',
      },
    );
    expect(view(done, '2025-04-01').dueDates).toMatchObject({ assessmentDueDate: null, assessmentOverdue: false });
  });

  it('the ICPC is due 15 working days from the strategy discussion that started the S47, until it is held', () => {
    const s47 = history({
      type: 'HoldStrategyDiscussion',
      strategyDiscussionId: 'b2b2b2b2-0000-4000-8000-000000000001',
      section47Id: 'c3c3c3c3-0000-4000-8000-000000000001',
      heldOn: '2025-04-14',
      section47: true,
    });
    // 15 working days from Monday 14 April 2025 skip Good Friday, Easter Monday and the early May bank holiday.
    expect(view(s47, '2025-05-06').dueDates).toMatchObject({ icpcDueDate: '2025-05-08', icpcOverdue: false });
    expect(view(s47, '2025-05-09').dueDates).toMatchObject({ icpcOverdue: true });
    const held = [
      ...s47,
      ...decide(
        {
          type: 'HoldConference',
          conferenceId: 'd4d4d4d4-0000-4000-8000-000000000001',
          planId: 'e5e5e5e5-0000-4000-8000-000000000001',
          heldOn: '2025-05-07',
          childProtectionPlan: true,
          category: 'NEG',
        },
        foldCase(s47),
      ),
    ];
    expect(view(held, '2025-05-09').dueDates).toMatchObject({ icpcDueDate: null, icpcOverdue: false, nextCpReviewDueDate: '2025-08-07' });
    expect(view(held, '2025-05-09').stage).toBe('CHILD_PROTECTION_PLAN');
  });

  it('CP reviews: 3 months after the ICPC, then every 6 months after the last review (month ends clamp)', () => {
    const onPlan = history(
      {
        type: 'HoldStrategyDiscussion',
        strategyDiscussionId: 'b2b2b2b2-0000-4000-8000-000000000001',
        section47Id: 'c3c3c3c3-0000-4000-8000-000000000001',
        heldOn: '2025-11-14',
        section47: true,
      },
      {
        type: 'HoldConference',
        conferenceId: 'd4d4d4d4-0000-4000-8000-000000000001',
        planId: 'e5e5e5e5-0000-4000-8000-000000000001',
        heldOn: '2025-11-28',
        childProtectionPlan: true,
        category: 'EMO',
      },
    );
    expect(view(onPlan, '2025-12-01').dueDates.nextCpReviewDueDate).toBe('2026-02-28');
    const reviewed = [
      ...onPlan,
      ...decide(
        { type: 'ReviewChildProtectionPlan', planId: 'e5e5e5e5-0000-4000-8000-000000000001', heldOn: '2026-02-27', latestCategory: null },
        foldCase(onPlan),
      ),
    ];
    expect(view(reviewed, '2026-03-01').dueDates).toMatchObject({ nextCpReviewDueDate: '2026-08-27', cpReviewOverdue: false });
    expect(view(reviewed, '2026-08-28').dueDates.cpReviewOverdue).toBe(true);
  });
});
