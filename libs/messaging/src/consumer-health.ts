/**
 * Whether the service's Kafka consumers are alive, for readiness: a consumer kafkajs gave up on is
 * reported here. Events parked per group (waiting for an earlier event) are shown beside it: they do
 * not make the service unready, since parking is what keeps their partitions moving, but an operator
 * should see a count that grows.
 */
export class ConsumerHealth {
  private readonly failures = new Map<string, string>();
  private readonly parked = new Map<string, number>();

  consumerCrashed(groupId: string, reason: string): void {
    this.failures.set(groupId, reason);
  }

  consumerStarted(groupId: string): void {
    this.failures.delete(groupId);
  }

  parkedEvents(groupId: string, count: number): void {
    if (count > 0) this.parked.set(groupId, count);
    else this.parked.delete(groupId);
  }

  get healthy(): boolean {
    return this.failures.size === 0;
  }

  get problems(): Record<string, string> {
    return Object.fromEntries(this.failures);
  }

  /** Parked events per consumer group, only the groups that have some. */
  get parkedByGroup(): Record<string, number> {
    return Object.fromEntries(this.parked);
  }
}
