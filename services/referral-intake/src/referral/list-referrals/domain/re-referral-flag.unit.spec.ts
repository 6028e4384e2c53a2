import { isReReferralInQueue } from './re-referral-flag';

describe('the re-referral flag', () => {
  it('is set when the child had a CIN referral within the 12 months before, while undecided or decided as a CIN referral', () => {
    expect(isReReferralInQueue({ referralDate: '2025-03-01', cinReferral: null, previousCinReferralDate: '2024-03-01' })).toBe(true);
    expect(isReReferralInQueue({ referralDate: '2025-03-01', cinReferral: true, previousCinReferralDate: '2024-03-01' })).toBe(true);
  });

  it('is not set after 12 months, without an earlier CIN referral, or when the decision made it no CIN referral', () => {
    expect(isReReferralInQueue({ referralDate: '2025-03-01', cinReferral: null, previousCinReferralDate: '2024-02-29' })).toBe(false);
    expect(isReReferralInQueue({ referralDate: '2025-03-01', cinReferral: null, previousCinReferralDate: null })).toBe(false);
    expect(isReReferralInQueue({ referralDate: '2025-03-01', cinReferral: false, previousCinReferralDate: '2025-01-01' })).toBe(false);
  });
});
