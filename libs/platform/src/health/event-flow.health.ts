import { Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { OutboxRelay } from '@csc/event-store';
import { ConsumerHealth } from '@csc/messaging';

/**
 * Ready only while events flow: the outbox relay is publishing (not failing pass after pass) and no
 * consumer has crashed for good. Either would otherwise fail silently while HTTP still answers.
 */
@Injectable()
export class EventFlowHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly consumers: ConsumerHealth,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  relayIsPublishing(key = 'outboxRelay') {
    const indicator = this.health.check(key);
    if (!this.relay) return indicator.up({ relay: 'none: this service writes no events' });
    const status = this.relay.getStatus();
    return status.healthy
      ? indicator.up()
      : indicator.down({ consecutiveFailures: status.consecutiveFailures, lastError: status.lastError });
  }

  consumersAreRunning(key = 'consumers') {
    const indicator = this.health.check(key);
    // Parked events do not make the service unready (parking keeps partitions moving), but they show.
    const parked = this.consumers.parkedByGroup;
    const details: { parkedEvents?: Record<string, number> } = Object.keys(parked).length > 0 ? { parkedEvents: parked } : {};
    return this.consumers.healthy ? indicator.up(details) : indicator.down({ crashed: this.consumers.problems, ...details });
  }
}
