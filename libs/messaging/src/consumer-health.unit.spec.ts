import { ConsumerHealth } from './consumer-health';

describe('ConsumerHealth: groups not joined, stalled or crashed, for readiness', () => {
  let now = 0;
  const health = () => new ConsumerHealth(60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('reports a consumer with events to read and no batch through for the stall time', () => {
    const consumers = health();
    consumers.consumerStarted('analytics.referrals.v1');
    consumers.batchProcessed('analytics.referrals.v1', 40);
    now += 59_000;
    expect(consumers.healthy).toBe(true);
    now += 2_000;
    expect(consumers.healthy).toBe(false);
    expect(consumers.stalled).toEqual({ 'analytics.referrals.v1': { secondsWithoutProgress: 61, lag: 40, lastError: null } });
    consumers.batchProcessed('analytics.referrals.v1', 0);
    expect(consumers.stalled).toEqual({});
  });

  it('does not report an idle consumer: nothing to read is no stall', () => {
    const consumers = health();
    consumers.consumerStarted('early-help');
    consumers.batchProcessed('early-help', 0);
    now += 3_600_000;
    expect(consumers.healthy).toBe(true);
  });

  it('reports a consumer that keeps failing (a crash loop kafkajs restarts from), however often it rejoins', () => {
    const consumers = health();
    consumers.consumerStarted('case-progression');
    consumers.batchFailed('case-progression', 'QueryFailedError (23502)');
    for (let restart = 0; restart < 7; restart += 1) {
      now += 10_000;
      consumers.consumerStarted('case-progression');
      consumers.batchFailed('case-progression', 'QueryFailedError (23502)');
    }
    expect(consumers.stalled).toEqual({
      'case-progression': { secondsWithoutProgress: 70, lag: 0, lastError: 'QueryFailedError (23502)' },
    });
    consumers.consumerStopped('case-progression');
    expect(consumers.healthy).toBe(true);
  });

  it('reports a batch held past the stall time (a reaction waiting out a failure), even with nothing behind it', () => {
    const consumers = health();
    consumers.consumerStarted('referral-intake');
    now += 3_600_000; // idle: no stall
    consumers.batchStarted('referral-intake');
    now += 30_000;
    expect(consumers.healthy).toBe(true);
    now += 31_000;
    expect(Object.keys(consumers.stalled)).toEqual(['referral-intake']);
    consumers.batchProcessed('referral-intake', 0);
    expect(consumers.healthy).toBe(true);
  });

  it('reports a consumer kafkajs gave up on until it joins again', () => {
    const consumers = health();
    consumers.consumerCrashed('school-notifications', 'KafkaJSNumberOfRetriesExceeded');
    expect(consumers.healthy).toBe(false);
    expect(consumers.problems).toEqual({ 'school-notifications': 'crashed: KafkaJSNumberOfRetriesExceeded' });
    consumers.consumerStarted('school-notifications');
    expect(consumers.healthy).toBe(true);
  });

  it('reports a group expected and not joined yet, with why, until it joins; stopping it forgets it', () => {
    const consumers = health();
    consumers.consumerExpected('early-help');
    expect(consumers.problems).toEqual({ 'early-help': 'joining the group' });
    consumers.consumerWaiting('early-help', 'cannot reach the broker: ECONNREFUSED');
    expect(consumers.healthy).toBe(false);
    expect(consumers.problems).toEqual({ 'early-help': 'cannot reach the broker: ECONNREFUSED' });
    consumers.consumerStarted('early-help');
    expect(consumers.healthy).toBe(true);
    consumers.consumerExpected('early-help'); // already known: stays joined
    expect(consumers.healthy).toBe(true);
    consumers.consumerStopped('early-help');
    expect(consumers.problems).toEqual({});
  });

  it('is not ready while a joined group is stalled, nor while another has not joined', () => {
    const consumers = health();
    consumers.consumerStarted('case-progression');
    consumers.batchProcessed('case-progression', 5);
    consumers.consumerExpected('analytics.referrals.v1');
    now += 61_000;
    expect(consumers.problems).toEqual({ 'analytics.referrals.v1': 'joining the group' });
    expect(Object.keys(consumers.stalled)).toEqual(['case-progression']);
    consumers.consumerStarted('analytics.referrals.v1');
    expect(consumers.healthy).toBe(false);
    consumers.batchProcessed('case-progression', 0);
    expect(consumers.healthy).toBe(true);
  });
});
