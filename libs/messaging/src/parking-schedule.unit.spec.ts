import { DEFAULT_PARKING_POLICY, gaveUpWaiting, hasWaitedTooLong, nextAttemptAt, type ParkingPolicy } from './parking-schedule';

const policy: ParkingPolicy = { maxWaitMs: 600_000, sweepIntervalMs: 5_000, maxBackoffMs: 60_000, leaseMs: 30_000 };
const parkedAt = new Date('2026-01-05T10:00:00.000Z');
const at = (seconds: number) => new Date(parkedAt.getTime() + seconds * 1000);

describe('when a parked event is tried again', () => {
  it('backs off from the sweep interval, doubling with each try', () => {
    expect(nextAttemptAt(parkedAt, 1, at(0), policy)).toEqual(at(5));
    expect(nextAttemptAt(parkedAt, 2, at(5), policy)).toEqual(at(15));
    expect(nextAttemptAt(parkedAt, 3, at(15), policy)).toEqual(at(35));
  });

  it('never waits longer than the longest backoff', () => {
    expect(nextAttemptAt(parkedAt, 30, at(100), policy)).toEqual(at(160));
  });

  it('is tried at its bound at the latest, so it is dead-lettered on time', () => {
    expect(nextAttemptAt(parkedAt, 8, at(590), policy)).toEqual(at(600));
  });

  it('has waited too long from its bound on', () => {
    expect(hasWaitedTooLong(parkedAt, at(599.999), policy)).toBe(false);
    expect(hasWaitedTooLong(parkedAt, at(600), policy)).toBe(true);
  });

  it('says how long it waited and for what when it is given up on', () => {
    expect(gaveUpWaiting(parkedAt, at(600.4), 'the referral r-1 this event follows')).toBe(
      'waited 600 s for the referral r-1 this event follows',
    );
  });

  it('waits ten minutes by default', () => {
    expect(DEFAULT_PARKING_POLICY.maxWaitMs).toBe(600_000);
  });
});
