import { addWorkingHours, londonStartOf, workingHoursBetween } from './working-hours';

const at = (instant: string) => new Date(instant);

describe('the working-day clock', () => {
  it('starts each day at midnight in England, in GMT and in BST', () => {
    expect(londonStartOf('2025-01-06').toISOString()).toBe('2025-01-06T00:00:00.000Z');
    expect(londonStartOf('2025-06-02').toISOString()).toBe('2025-06-01T23:00:00.000Z');
    // The days the clocks change: they change at 01:00 UTC, after the day has started.
    expect(londonStartOf('2025-03-30').toISOString()).toBe('2025-03-30T00:00:00.000Z');
    expect(londonStartOf('2025-10-26').toISOString()).toBe('2025-10-25T23:00:00.000Z');
  });

  it('counts a weekday whole and a weekend not at all (Friday 10:00 to Monday 10:00 is one working day)', () => {
    expect(workingHoursBetween(at('2025-01-03T10:00:00Z'), at('2025-01-06T10:00:00Z'))).toBe(24);
    expect(workingHoursBetween(at('2025-01-03T10:00:00Z'), at('2025-01-03T13:30:00Z'))).toBe(3.5);
    expect(workingHoursBetween(at('2025-01-04T10:00:00Z'), at('2025-01-05T22:00:00Z'))).toBe(0);
    expect(workingHoursBetween(at('2025-01-06T10:00:00Z'), at('2025-01-03T10:00:00Z'))).toBe(0);
  });

  it('skips bank holidays: Thursday before Easter 2025 to the Tuesday after is one working day (Good Friday and Easter Monday)', () => {
    expect(workingHoursBetween(at('2025-04-17T09:00:00+01:00'), at('2025-04-22T09:00:00+01:00'))).toBe(24);
  });

  it('puts one working day after Friday 10:00 on Monday 10:00, and after a Saturday at the end of Monday', () => {
    expect(addWorkingHours(at('2025-01-03T10:00:00Z'), 24).toISOString()).toBe('2025-01-06T10:00:00.000Z');
    expect(addWorkingHours(at('2025-01-04T15:00:00Z'), 24).toISOString()).toBe('2025-01-07T00:00:00.000Z');
  });

  it('carries a weekend and a bank holiday together: Friday 23 May 2025 to after the spring bank holiday', () => {
    // Monday 26 May 2025 is the spring bank holiday: one working day after Friday 16:00 is Tuesday 16:00 (BST).
    expect(addWorkingHours(at('2025-05-23T16:00:00+01:00'), 24).toISOString()).toBe('2025-05-27T15:00:00.000Z');
    expect(workingHoursBetween(at('2025-05-23T16:00:00+01:00'), at('2025-05-27T15:00:00Z'))).toBe(24);
  });

  it('agrees with itself: the hours between an instant and that many working hours later are those hours', () => {
    const from = at('2024-12-24T11:00:00Z');
    for (const hours of [1, 13, 24, 48, 100]) expect(workingHoursBetween(from, addWorkingHours(from, hours))).toBeCloseTo(hours, 9);
  });
});
