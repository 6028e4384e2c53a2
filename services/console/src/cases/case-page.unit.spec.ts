import { casePage } from './case-page';
import type { CaseRead } from './case-read';

const aCase = (overrides: Partial<CaseRead> = {}): CaseRead => ({
  caseId: '0a1b2c3d-0000-4000-8000-000000000001',
  childId: 'c0000000-0000-4000-8000-000000000001',
  status: 'OPEN',
  version: 3,
  referralDate: '2025-01-03',
  primaryNeed: 'N1',
  referralIds: [],
  child: { givenName: 'Amelia', familyName: 'Example', schoolUrn: '100001' },
  stage: 'OPEN',
  dueDates: {
    assessmentDueDate: '2025-03-10',
    assessmentOverdue: true,
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
const noHistory = { entries: [] };

describe('the case page', () => {
  it('shows the due dates the case has, each with its overdue flag, and offers to start the assessment', () => {
    const page = casePage(aCase(), noHistory, { formVersion: 3 }, '2025-03-12');
    expect(page.pageTitle).toBe('Case 0A1B2C3D: Amelia Example');
    expect(page.dueDates).toEqual([{ what: 'Assessment', dueOn: '10 March 2025', overdue: true }]);
    expect(page.offered.startAssessment).toBe(true);
    expect(page.offered.completeAssessment).toBeNull();
    expect(page.forms.startAssessment.values).toEqual({ 'startedAt-day': '12', 'startedAt-month': '3', 'startedAt-year': '2025' });
  });

  it('offers to complete an assessment under way, keeping the factors ticked when the API refuses the form', () => {
    const started = aCase({ stage: 'ASSESSMENT', assessments: [{ assessmentId: 'a1', startedOn: '2025-01-06' }] });
    const errors = {
      summary: [{ text: 'Outcome must be one of ...', href: '#outcome' }],
      byField: { outcome: { text: 'Outcome must be one of ...' } },
    };
    const page = casePage(started, noHistory, {
      formVersion: 4,
      forms: { completeAssessment: { values: { factors: ['1A', '2B'] }, errors } },
    });
    expect(page.offered.startAssessment).toBe(false);
    expect(page.offered.completeAssessment).toBe('a1');
    expect(page.pageTitle).toMatch(/^Error: /);
    expect(page.errorSummary).toEqual(errors.summary);
    expect(page.forms.completeAssessment).toEqual({ values: { factors: ['1A', '2B'] }, errors: errors.byField });
  });

  it('offers nothing to do on a closed case, and says why it closed', () => {
    const closed = aCase({ status: 'CLOSED', stage: 'CLOSED', closure: { closedOn: '2025-04-01', reason: 'RC8' } });
    const page = casePage(closed, noHistory, { formVersion: 9 });
    expect(Object.values(page.offered).filter(Boolean)).toEqual([]);
    expect(page.stage).toBe('Closed');
    expect(page.details.at(-1)).toEqual({
      key: { text: 'Closed' },
      value: { text: '1 April 2025: RC8: Case closed after assessment, no further action' },
    });
  });
});
