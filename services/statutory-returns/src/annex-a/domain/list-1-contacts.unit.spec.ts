import { AS_OF, LA_CHILD_ID, aChildRecord, aReferral, anotherChild, rowsOf } from '../../../test/annex-a-builders';
import { LIST_1_CONTACTS } from './list-1-contacts';

const list1 = (...children: Parameters<typeof LIST_1_CONTACTS.build>[0]) => LIST_1_CONTACTS.build(children, AS_OF);

describe('Annex A list 1: contacts', () => {
  it('has a row for each contact of the six months before the inspection, whatever was decided', () => {
    const child = aChildRecord({
      referrals: [
        aReferral({ referralId: 'r-nfa', referralDate: '2025-05-14', outcome: 'NFA' }),
        aReferral({ referralId: 'r-signposted', referralDate: '2025-09-01', outcome: 'SIGNPOSTED', caseId: null }),
        aReferral({ referralId: 'r-undecided', referralDate: AS_OF, outcome: null, decidedAt: null, caseId: null }),
      ],
    });
    expect(rowsOf(list1(child)).map((row) => row['Date of Contact'])).toEqual(['2025-05-14', '2025-09-01', AS_OF]);
  });

  it('leaves out contacts before the six months and after the reference day', () => {
    const child = aChildRecord({
      referrals: [aReferral({ referralDate: '2025-05-13' }), aReferral({ referralId: 'later', referralDate: '2025-11-15' })],
    });
    expect(list1(child).rows).toEqual([]);
  });

  it('fills the columns from the child and the contact', () => {
    const [row] = rowsOf(list1(aChildRecord({ referrals: [aReferral({ source: '6' })] })));
    expect(row).toEqual({
      'Child Unique ID': LA_CHILD_ID,
      Gender: 'b) Female',
      Ethnicity: 'a) WBRI',
      'Date of Birth': '2015-03-14',
      'Age of Child (Years)': 10,
      'Date of Contact': '2025-06-02',
      'Contact Source': 'q) 6: Police',
    });
  });

  it('leaves what was never recorded empty: no birth date, no age, no ethnicity', () => {
    const child = aChildRecord();
    const unknown = { ...child, identity: { ...child.identity, dateOfBirth: null, ethnicity: null, sex: null } };
    const [row] = rowsOf(list1(unknown));
    expect([row['Date of Birth'], row['Age of Child (Years)'], row.Ethnicity, row.Gender]).toEqual([
      null,
      null,
      null,
      'c) Not stated/recorded',
    ]);
  });

  it('orders rows by date, then child, whatever order the records come in', () => {
    const first = anotherChild(2, { referrals: [aReferral({ referralDate: '2025-07-01' })] });
    const second = anotherChild(1, { referrals: [aReferral({ referralDate: '2025-07-01' })] });
    const earliest = aChildRecord({ referrals: [aReferral({ referralDate: '2025-06-01' })] });
    const ids = (rows: ReturnType<typeof rowsOf>) => rows.map((row) => row['Child Unique ID']);
    expect(ids(rowsOf(list1(first, second, earliest)))).toEqual([LA_CHILD_ID, '00000001000040008000', '00000002000040008000']);
    expect(list1(earliest, first, second)).toEqual(list1(second, earliest, first));
  });
});
