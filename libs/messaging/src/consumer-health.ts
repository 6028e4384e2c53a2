type GroupState = { joined: true } | { joined: false; reason: string };

/**
 * Whether the service's Kafka consumers are consuming, for readiness. A consumer group counts from
 * the moment the service means to run it: until it has joined (the broker down, a rebalance after a
 * restart, a crash kafkajs is recovering from or gave up on) readiness is down and says why per group.
 * Events parked per group (waiting for an earlier event) are shown beside it: they do not make the
 * service unready, since parking is what keeps their partitions moving, but an operator should see
 * a count that grows.
 */
export class ConsumerHealth {
  private readonly groups = new Map<string, GroupState>();
  private readonly parked = new Map<string, number>();

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
  }

  /** Stopped on purpose (shutdown, a retired projection version): no longer expected. */
  consumerStopped(groupId: string): void {
    this.groups.delete(groupId);
  }

  parkedEvents(groupId: string, count: number): void {
    if (count > 0) this.parked.set(groupId, count);
    else this.parked.delete(groupId);
  }

  get healthy(): boolean {
    return [...this.groups.values()].every((state) => state.joined);
  }

  /** Each group not consuming, with why. */
  get problems(): Record<string, string> {
    return Object.fromEntries([...this.groups].flatMap(([groupId, state]) => (state.joined ? [] : [[groupId, state.reason]])));
  }

  /** Parked events per consumer group, only the groups that have some. */
  get parkedByGroup(): Record<string, number> {
    return Object.fromEntries(this.parked);
  }
}
