import { decisionTimeliness } from './decision-timeliness';
import { isReReferralInQueue } from './re-referral-flag';

const at = (instant: string) => new Date(instant);

describe("a referral's wait against the one working day Working Together allows for a decision", () => {
  it('is due the next working day at the same time, across a weekend', () => {
    const friday = at('2025-01-03T10:00:00Z');
    expect(decisionTimeliness(friday, null, at('2025-01-06T09:00:00Z'))).toEqual({
      decisionDue: '2025-01-06T10:00:00.000Z',
      workingHoursWaiting: 23,
      overdue: false,
    });
    expect(decisionTimeliness(friday, null, at('2025-01-06T10:30:00Z'))).toMatchObject({ workingHoursWaiting: 24.5, overdue: true });
  });

  it('does not count a bank holiday: received the Thursday before Easter, due the Tuesday after', () => {
    const thursday = at('2025-04-17T14:00:00+01:00');
    const timeliness = decisionTimeliness(thursday, null, at('2025-04-21T16:00:00+01:00'));
    expect(timeliness).toEqual({ decisionDue: '2025-04-22T13:00:00.000Z', workingHoursWaiting: 10, overdue: false });
  });

  it('for a decided referral, is the time the decision took', () => {
    const received = at('2025-01-06T09:00:00Z');
    expect(decisionTimeliness(received, at('2025-01-06T15:00:00Z'), at('2025-03-01T00:00:00Z'))).toEqual({
      decisionDue: '2025-01-07T09:00:00.000Z',
      workingHoursWaiting: 6,
      overdue: false,
    });
    expect(decisionTimeliness(received, at('2025-01-08T09:00:00Z'), at('2025-03-01T00:00:00Z'))).toMatchObject({
      workingHoursWaiting: 48,
      overdue: true,
    });
  });
});

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
