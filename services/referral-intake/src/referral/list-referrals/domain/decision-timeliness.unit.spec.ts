import { decisionTimeliness } from './decision-timeliness';

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
