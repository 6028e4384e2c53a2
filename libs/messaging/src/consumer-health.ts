/** Whether the service's Kafka consumers are alive, for readiness: a consumer kafkajs gave up on is reported here. */
export class ConsumerHealth {
  private readonly failures = new Map<string, string>();

  consumerCrashed(groupId: string, reason: string): void {
    this.failures.set(groupId, reason);
  }

  consumerStarted(groupId: string): void {
    this.failures.delete(groupId);
  }

  get healthy(): boolean {
    return this.failures.size === 0;
  }

  get problems(): Record<string, string> {
    return Object.fromEntries(this.failures);
  }
}
