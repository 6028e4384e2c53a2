import { londonDateOf } from '@csc/domain';
import type { SeededRandom } from './seeded-random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const startOfDay = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/**
 * The day in England on which an instant falls, as libs/domain's londonDateOf gives it (the unit
 * tests compare the two): summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC
 * on the last Sunday of October. Worked out here because Intl's time zone formatting was a tenth of
 * the generator's time.
 */
export const dayOf = (instant: number): string => {
  const year = new Date(instant).getUTCFullYear();
  // Before 1996 the rules differed: ask libs/domain (Intl) instead.
  if (year < 1996) return londonDateOf(new Date(instant));
  const [summerStarts, summerEnds] = summerTimeOf(year);
  const local = instant >= summerStarts && instant < summerEnds ? instant + HOUR : instant;
  return new Date(local).toISOString().slice(0, 10);
};

const summerTimes = new Map<number, [number, number]>();
const lastSundayAt1Utc = (year: number, month: number): number => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
};
const summerTimeOf = (year: number): [number, number] => {
  let summer = summerTimes.get(year);
  if (!summer) {
    summer = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)];
    summerTimes.set(year, summer);
  }
  return summer;
};

/**
 * A moment in office hours on `day`: 08:00-16:59 UTC is 08:00-16:59 in winter and 09:00-17:59 in
 * summer in England, so the moment always falls on `day` there.
 */
export const officeHoursOn = (random: SeededRandom, day: string): number => startOfDay(day) + 8 * HOUR + random.int(0, 9 * HOUR - 1);

/**
 * The moments one journey records things at, strictly increasing: a stream's events (and a child's,
 * within a topic) must come out in the order they were caused.
 */
export class Timeline {
  constructor(
    private readonly random: SeededRandom,
    public last: number,
  ) {}

  /** Recorded during office hours on `day`, or a little after the previous step if that was later. */
  on(day: string): number {
    this.last = Math.max(officeHoursOn(this.random, day), this.last + this.random.int(MINUTE, 20 * MINUTE));
    return this.last;
  }

  /** A reaction: a service picks the event up from Kafka within seconds. */
  reaction(): number {
    this.last += this.random.int(300, 5000);
    return this.last;
  }

  after(milliseconds: number): number {
    this.last += Math.max(1, Math.round(milliseconds));
    return this.last;
  }
}
