import { addWorkingDays as domainAddWorkingDays, londonDateOf, workingDaysBetween as domainWorkingDaysBetween } from '@csc/domain';
import { dayOf } from './simulated-clock';
import { SeededRandom } from './seeded-random';
import { addWorkingDays, workingDayOnOrAfter, workingDaysBetween } from './working-calendar';

/** The generator's fast calendar must give libs/domain's answers exactly. */
describe('the working calendar', () => {
  const random = new SeededRandom('calendar');
  const day = (from: number, to: number) =>
    new Date(Date.UTC(random.int(from, to), 0, 1) + random.int(0, 364) * 86_400_000).toISOString().slice(0, 10);

  it('adds and counts working days as libs/domain does, across bank holidays and their one-off moves', () => {
    for (const start of ['2012-05-25', '2020-05-01', '2022-05-27', '2022-09-16', '2023-05-05', '2025-01-03', '2024-12-24']) {
      for (const count of [0, 1, 2, 5, 15, 45]) expect(addWorkingDays(start, count)).toBe(domainAddWorkingDays(start, count));
    }
    for (let i = 0; i < 300; i += 1) {
      const start = day(2005, 2035);
      const count = random.int(0, 90);
      const end = addWorkingDays(start, count);
      expect(end).toBe(domainAddWorkingDays(start, count));
      const other = day(2005, 2035);
      expect(workingDaysBetween(start, other)).toBe(domainWorkingDaysBetween(start, other));
      expect(workingDaysBetween(start, end)).toBe(count);
    }
    expect(workingDayOnOrAfter('2025-12-25')).toBe('2025-12-29');
  });

  it('dates an instant in England as londonDateOf does, either side of the clocks changing', () => {
    for (const instant of [
      '2024-03-31T00:59:59.999Z',
      '2024-03-31T01:00:00.000Z',
      '2024-10-26T23:30:00.000Z',
      '2024-10-27T00:59:00.000Z',
      '2024-10-27T01:00:00.000Z',
    ]) {
      expect(dayOf(Date.parse(instant))).toBe(londonDateOf(new Date(instant)));
    }
    for (let i = 0; i < 5000; i += 1) {
      const instant = Date.UTC(random.int(1990, 2040), 0, 1) + random.int(0, 365 * 24 * 60) * 60_000;
      expect(dayOf(instant)).toBe(londonDateOf(new Date(instant)));
    }
  });
});
