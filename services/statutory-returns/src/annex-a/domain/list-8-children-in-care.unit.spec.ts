import { AS_OF, aCase, aChildRecord, aLookedAfterPeriod, rowsOf } from '../../../test/annex-a-builders';
import { LIST_8_CHILDREN_IN_CARE } from './list-8-children-in-care';

type Case = ReturnType<typeof aCase>;
const list8 = (...cases: Case[]) => rowsOf(LIST_8_CHILDREN_IN_CARE.build([aChildRecord({ cases })], AS_OF));
const inCare = (...periods: ReturnType<typeof aLookedAfterPeriod>[]) => list8(aCase({ lookedAfter: periods }));

describe('Annex A list 8: children in care', () => {
  it('takes in children in care now and those who left in the six months, once each, by the latest period', () => {
    expect(inCare(aLookedAfterPeriod({ endedOn: '2025-05-14', endReason: 'E13' })).length).toBe(1);
    const rows = inCare(
      aLookedAfterPeriod({ periodId: 'first', startedOn: '2025-01-05', endedOn: '2025-03-01', endReason: 'E4A' }),
      aLookedAfterPeriod({ periodId: 'second', startedOn: '2025-08-01' }),
    );
    expect(rows.map((row) => row['Date Started to be Looked After'])).toEqual(['2025-08-01']);
    expect(rows[0]['Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)']).toBe('a) Yes');
  });

  it('leaves out children who left care before the six months, and those who came into care after the reference day', () => {
    expect(
      inCare(
        aLookedAfterPeriod({ periodId: 'left', startedOn: '2024-01-01', endedOn: '2025-05-13', endReason: 'E8' }),
        aLookedAfterPeriod({ periodId: 'future', startedOn: '2025-11-20' }),
      ),
    ).toEqual([]);
  });

  it('fills what the case records: start, need, legal status, end and why', () => {
    const [row] = list8(
      aCase({ primaryNeed: 'N2', lookedAfter: [aLookedAfterPeriod({ legalStatus: 'V2', endedOn: '2025-11-01', endReason: 'E11' })] }),
    );
    expect(row).toMatchObject({
      'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)': null,
      'Does the Child have a Disability': 'b) No',
      'Date Started to be Looked After': '2025-08-01',
      "Child's Category of Need": "N2 - Child's disability",
      'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)': 'b) No',
      'Start date of current legal status': null,
      "Child's Legal Status": 'V2: Single period of accommodation under section 20',
      'Date Ceased to be Looked After': '2025-11-01',
      'Reason Ceased to be Looked After': 'a) E11: Adopted - application unopposed',
      'Placement Type': null,
      'Allocated Worker': null,
    });
  });

  it('treats leaving care after the reference day as not yet happened', () => {
    const [row] = inCare(aLookedAfterPeriod({ endedOn: '2025-12-01', endReason: 'E13' }));
    expect([row['Date Ceased to be Looked After'], row['Reason Ceased to be Looked After']]).toEqual([null, null]);
  });

  it('does not count a period that ended more than twelve months before the inspection as a previous one', () => {
    const rows = inCare(
      aLookedAfterPeriod({ periodId: 'long-ago', startedOn: '2023-01-01', endedOn: '2024-11-13', endReason: 'E4A' }),
      aLookedAfterPeriod({ periodId: 'now' }),
    );
    expect(rows[0]['Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)']).toBe('b) No');
  });
});
