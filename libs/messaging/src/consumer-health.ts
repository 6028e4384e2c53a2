import { ConsumerStalls, DEFAULT_STALL_AFTER_MS, type StalledConsumer } from './consumer-stalls';

export { DEFAULT_STALL_AFTER_MS, type StalledConsumer } from './consumer-stalls';

type GroupState = { joined: true } | { joined: false; reason: string };

/**
 * Whether the service's Kafka consumers (reactions' groups and projections' versions) are consuming,
 * for readiness. A consumer group counts from the moment the service means to run it: until it has
 * joined (the broker down, a rebalance after a restart, a crash kafkajs is recovering from or gave up
 * on) readiness is down and says why per group. A joined group is down too when it is stalled: no
 * batch through for `stallAfterMs` while it had events to read, kept failing or held a batch.
 * Events parked per group (waiting for an earlier event) are shown beside it: they do not make the
 * service unready, since parking is what keeps their partitions moving, but an operator should see
 * a count that grows.
 */
export class ConsumerHealth {
  private readonly groups = new Map<string, GroupState>();
  private readonly parked = new Map<string, number>();
  private readonly stalls: ConsumerStalls;

  constructor(stallAfterMs = DEFAULT_STALL_AFTER_MS, now: () => number = Date.now) {
    this.stalls = new ConsumerStalls(stallAfterMs, now);
  }

  get stallAfterMs(): number {
    return this.stalls.stallAfterMs;
  }

  /** The service will run this group: not ready until it joins. */
  consumerExpected(groupId: string): void {
    if (!this.groups.has(groupId)) this.groups.set(groupId, { joined: false, reason: 'joining the group' });
  }

  /** Not consuming yet, and why (the broker cannot be reached, say): the service keeps trying. */
  consumerWaiting(groupId: string, reason: string): void {
    this.groups.set(groupId, { joined: false, reason });
  }

  consumerCrashed(groupId: string, reason: string): void {
    this.groups.set(groupId, { joined: false, reason: `crashed: ${reason}` });
  }

  consumerStarted(groupId: string): void {
    this.groups.set(groupId, { joined: true });
    this.stalls.joined(groupId);
  }

  /** Stopped on purpose (shutdown, a retired projection version): no longer expected, nothing to watch. */
  consumerStopped(groupId: string): void {
    this.groups.delete(groupId);
    this.stalls.forget(groupId);
  }

  /** A batch is in hand: one held past the stall time is a stall, whatever the lag before it. */
  batchStarted(groupId: string): void {
    this.stalls.batchStarted(groupId);
  }

  /** A batch got through; `lag` is what is left behind it (0 when unknown). */
  batchProcessed(groupId: string, lag: number): void {
    this.stalls.batchProcessed(groupId, lag);
  }

  /** A batch failed (it will be tried again) or the consumer crashed and is restarting. */
  batchFailed(groupId: string, reason: string): void {
    this.stalls.batchFailed(groupId, reason);
  }

  parkedEvents(groupId: string, count: number): void {
    if (count > 0) this.parked.set(groupId, count);
    else this.parked.delete(groupId);
  }

  get healthy(): boolean {
    return [...this.groups.values()].every((state) => state.joined) && Object.keys(this.stalled).length === 0;
  }

  /** Each group not consuming, with why. */
  get problems(): Record<string, string> {
    return Object.fromEntries([...this.groups].flatMap(([groupId, state]) => (state.joined ? [] : [[groupId, state.reason]])));
  }

  /** Consumers with work (lag, failures, a batch in hand) and no progress for the stall time. */
  get stalled(): Record<string, StalledConsumer> {
    return this.stalls.stalled;
  }

  /** Parked events per consumer group, only the groups that have some. */
  get parkedByGroup(): Record<string, number> {
    return Object.fromEntries(this.parked);
  }
}
