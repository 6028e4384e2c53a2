import type { CaseRead } from '../case-read';
import { actionsOffered } from './actions-offered';

const aCase = (overrides: Partial<CaseRead> = {}): CaseRead => ({
  caseId: '0a1b2c3d-0000-4000-8000-000000000001',
  childId: 'c0000000-0000-4000-8000-000000000001',
  status: 'OPEN',
  version: 3,
  referralDate: '2025-01-03',
  primaryNeed: 'N1',
  referralIds: [],
  child: {},
  stage: 'OPEN',
  dueDates: {
    assessmentDueDate: null,
    assessmentOverdue: false,
    icpcDueDate: null,
    icpcOverdue: false,
    nextCpReviewDueDate: null,
    cpReviewOverdue: false,
    asOf: '2025-03-12',
  },
  assessments: [],
  strategyDiscussions: [],
  section47s: [],
  conferences: [],
  cpPlans: [],
  cinPlans: [],
  lookedAfter: null,
  closure: null,
  ...overrides,
});
const offeredNames = (read: CaseRead) =>
  Object.entries(actionsOffered(read))
    .filter(([, offered]) => offered)
    .map(([name]) => name);
const completed = (outcome: string) => ({ assessmentId: 'a1', startedOn: '2025-01-06', authorisedOn: '2025-02-01', outcome });
const plan = { planId: 'p1', startedOn: '2025-03-03', endedOn: null };

describe('what the case page offers, by the case-progression rules', () => {
  it('a new case: an assessment, a strategy discussion, a plan, looked after, or closing it', () => {
    expect(offeredNames(aCase())).toEqual(['startAssessment', 'strategyDiscussion', 'startCinPlan', 'startLookedAfter', 'closeCase']);
  });

  it('an assessment under way is completed before another starts, and before the case closes', () => {
    const read = aCase({ assessments: [{ assessmentId: 'a1', startedOn: '2025-01-06' }] });
    expect(actionsOffered(read)).toMatchObject({ startAssessment: false, completeAssessment: 'a1', closeCase: false });
  });

  it('after an assessment found no further action, only closure (8831)', () => {
    expect(offeredNames(aCase({ assessments: [completed('NO_FURTHER_ACTION')] }))).toEqual(['closeCase']);
    // A later assessment with another outcome lifts it.
    const later = { ...completed('CHILD_IN_NEED'), assessmentId: 'a2', authorisedOn: '2025-02-20' };
    expect(offeredNames(aCase({ assessments: [completed('NO_FURTHER_ACTION'), later] }))).toContain('startCinPlan');
  });

  it('a Section 47 enquiry under way: its outcome, or its conference; not closure', () => {
    const ongoing = aCase({ section47s: [{ section47Id: 's1', startedOn: '2025-03-03', icpcDueDate: '2025-03-24' }] });
    expect(actionsOffered(ongoing)).toMatchObject({ section47Outcome: 's1', conference: true, closeCase: false });
  });

  it('a conference only for an enquiry that has not ruled one out and has not had one', () => {
    const noConference = aCase({
      section47s: [{ section47Id: 's1', startedOn: '2025-03-03', concludedOn: '2025-03-10', icpcRequired: false, icpcDueDate: null }],
    });
    expect(actionsOffered(noConference)).toMatchObject({ section47Outcome: null, conference: false, closeCase: true });
    const conferenced = aCase({
      section47s: [{ section47Id: 's1', startedOn: '2025-03-03', concludedOn: '2025-03-10', icpcRequired: true, icpcDueDate: null }],
      conferences: [{ conferenceId: 'c1', heldOn: '2025-03-20', section47Id: 's1' }],
    });
    expect(actionsOffered(conferenced)).toMatchObject({ conference: false, closeCase: true });
    const awaiting = aCase({
      section47s: [
        { section47Id: 's1', startedOn: '2025-03-03', concludedOn: '2025-03-10', icpcRequired: true, icpcDueDate: '2025-03-24' },
      ],
    });
    expect(actionsOffered(awaiting)).toMatchObject({ conference: true, closeCase: false });
  });

  it('a child protection plan: reviewed or ended, and no child in need plan beside it (4001)', () => {
    const onPlan = aCase({ cpPlans: [{ ...plan, latestCategory: 'NEG', reviews: [], nextReviewDueDate: '2025-06-03' }] });
    expect(actionsOffered(onPlan)).toMatchObject({ reviewCpPlan: 'p1', endCpPlan: 'p1', startCinPlan: false, closeCase: false });
  });

  it('a child in need plan: ended, and not a second one (4004)', () => {
    const onPlan = aCase({ cinPlans: [{ ...plan, namedSocialWorker: null }] });
    expect(actionsOffered(onPlan)).toMatchObject({ endCinPlan: 'p1', startCinPlan: false, closeCase: false });
  });

  it('looked after: the period ends before another starts, and before closure', () => {
    const lookedAfter = aCase({ lookedAfter: { periodId: 'l1', startedOn: '2025-03-01', legalStatus: 'C2' } });
    expect(actionsOffered(lookedAfter)).toMatchObject({ startLookedAfter: false, endLookedAfter: true, closeCase: false });
  });

  it('a closed case: nothing (its census details are corrected on their own page)', () => {
    expect(offeredNames(aCase({ status: 'CLOSED', closure: { closedOn: '2025-04-01', reason: 'RC7' } }))).toEqual([]);
  });
});
