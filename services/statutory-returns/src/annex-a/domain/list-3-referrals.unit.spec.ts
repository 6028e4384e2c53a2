import { AS_OF, aChildRecord, aReferral, rowsOf } from '../../../test/annex-a-builders';
import { LIST_3_REFERRALS } from './list-3-referrals';

const list3 = (...referrals: ReturnType<typeof aReferral>[]) => rowsOf(LIST_3_REFERRALS.build([aChildRecord({ referrals })], AS_OF));

describe('Annex A list 3: referrals', () => {
  it('counts as referrals the contacts accepted for assessment or closed with no further action', () => {
    const rows = list3(
      aReferral({ referralId: 'accepted', referralDate: '2025-06-02' }),
      aReferral({ referralId: 'nfa', referralDate: '2025-07-01', receivedAt: '2025-07-01T10:00:00+01:00', outcome: 'NFA' }),
      aReferral({ referralId: 'signposted', referralDate: '2025-07-02', outcome: 'SIGNPOSTED' }),
      aReferral({ referralId: 'open', referralDate: '2025-07-03', outcome: 'ALREADY_OPEN' }),
      aReferral({ referralId: 'undecided', referralDate: '2025-07-04', outcome: null, decidedAt: null }),
    );
    expect(rows.map((row) => [row['Date of referral'], row['Referral NFA?']])).toEqual([
      ['2025-06-02', 'b) No'],
      ['2025-07-01', 'a) Yes'],
    ]);
  });

  it('leaves out referrals before the six months, and contacts decided only after the reference day', () => {
    const rows = list3(
      aReferral({ referralId: 'old', referralDate: '2025-05-13' }),
      aReferral({ referralId: 'late', referralDate: '2025-11-13', decidedAt: '2025-11-15T09:00:00Z' }),
    );
    expect(rows).toEqual([]);
  });

  it("fills source and counts the child's referrals in the twelve months before each one", () => {
    const rows = list3(
      aReferral({ referralId: 'a', referralDate: '2024-08-01', receivedAt: '2024-08-01T09:00:00+01:00' }),
      aReferral({ referralId: 'b', referralDate: '2025-02-01', receivedAt: '2025-02-01T09:00:00Z', outcome: 'NFA' }),
      aReferral({ referralId: 'c', referralDate: '2025-09-01', receivedAt: '2025-09-01T09:00:00+01:00', source: '3A' }),
      aReferral({ referralId: 'd', referralDate: '2025-09-01', receivedAt: '2025-09-01T15:00:00+01:00', source: '1A' }),
    );
    expect(rows.map((row) => [row['Referral Source'], row['Number of Referrals in Last 12 Months']])).toEqual([
      ['g) 3A: Health services', 1],
      ['a) 1A: Individual', 2],
    ]);
    expect([rows[0]['Allocated Team'], rows[0]['Allocated Worker']]).toEqual([null, null]);
  });
});
