import { awaitedEventOf, isConcurrencyError, isTransientError, WaitingForEarlierEvent } from './error-classification';

describe('error classification', () => {
  it('does not treat waiting for an earlier event as transient: it is parked, not waited out in the batch', () => {
    const waiting = new WaitingForEarlierEvent('a referral for child c-1');
    expect(isTransientError(waiting)).toBe(false);
    expect(awaitedEventOf(waiting)).toBe('a referral for child c-1');
    expect(awaitedEventOf(new Error('waiting for nothing'))).toBeNull();
  });

  it('treats a lost concurrency race and a database restart as transient', () => {
    const race = Object.assign(new Error('stream moved on'), { name: 'ConcurrencyError' });
    expect(isTransientError(race)).toBe(true);
    expect(isConcurrencyError(race)).toBe(true);
    expect(isTransientError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
  });
});
