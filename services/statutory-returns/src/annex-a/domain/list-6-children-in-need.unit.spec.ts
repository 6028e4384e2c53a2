import {
  AS_OF,
  aCase,
  aChildRecord,
  aCinPlan,
  aCpPlan,
  aLookedAfterPeriod,
  anAssessment,
  anotherChild,
  rowsOf,
} from '../../../test/annex-a-builders';
import { LIST_6_CHILDREN_IN_NEED } from './list-6-children-in-need';

type Case = ReturnType<typeof aCase>;
const list6 = (...cases: Case[]) => rowsOf(LIST_6_CHILDREN_IN_NEED.build([aChildRecord({ cases })], AS_OF));
const statusOf = (episode: Case) => list6(episode)[0]['Case Status'];

describe('Annex A list 6: children in need', () => {
  it('has one row per child, by the latest episode open at any time in the six months', () => {
    const closed = aCase({ caseId: 'first', referralDate: '2025-01-10', closedOn: '2025-05-20', closureReason: 'RC7' });
    const current = aCase({ caseId: 'second', referralDate: '2025-09-01' });
    expect(list6(closed, current).map((row) => row['CIN Start Date'])).toEqual(['2025-09-01']);
    expect(list6(closed).map((row) => row['CIN Closure Date'])).toEqual(['2025-05-20']);
  });

  it('leaves out episodes closed before the six months and those begun after the reference day', () => {
    const children = [
      aChildRecord({ cases: [aCase({ closedOn: '2025-05-13', closureReason: 'RC8' })] }),
      anotherChild(1, { cases: [aCase({ referralDate: '2025-11-17' })] }),
    ];
    expect(LIST_6_CHILDREN_IN_NEED.build(children, AS_OF).rows).toEqual([]);
  });

  it('fills need, closure and the columns the records have', () => {
    const [row] = list6(aCase({ primaryNeed: 'N4', closedOn: '2025-10-31', closureReason: 'RC9' }));
    expect(row).toMatchObject({
      'Does the Child have a Disability': 'b) No',
      'CIN Start Date': '2025-06-02',
      'Primary Need Code': 'N4 - Family in acute stress',
      'Date Child Was Last Seen': null,
      'CIN Closure Date': '2025-10-31',
      'Reason for Closure': 'RC9 - Case closed after assessment, referred to early help',
      'Case Status': 'e) Closed episode',
      'Allocated Team': null,
      'Allocated Worker': null,
    });
  });

  it('treats a closure after the reference day as not yet happened', () => {
    const [row] = list6(aCase({ closedOn: '2025-12-01', closureReason: 'RC7' }));
    expect([row['CIN Closure Date'], row['Reason for Closure'], row['Case Status']]).toEqual([null, null, 'c) Child in need plan']);
  });

  it('gives the furthest stage the work had reached on the day', () => {
    expect(statusOf(aCase({ lookedAfter: [aLookedAfterPeriod()], cpPlans: [aCpPlan()] }))).toBe('a) Looked after child');
    expect(statusOf(aCase({ cpPlans: [aCpPlan()], cinPlans: [] }))).toBe('b) Child Protection plan');
    expect(statusOf(aCase({ cinPlans: [aCinPlan()] }))).toBe('c) Child in need plan');
    expect(statusOf(aCase({ cinPlans: [], assessments: [anAssessment({ authorisedOn: null, outcome: null })] }))).toBe(
      'd) Open assessment',
    );
    expect(statusOf(aCase({ cinPlans: [aCinPlan({ endedOn: '2025-10-01' })] }))).toBeNull();
  });
});
