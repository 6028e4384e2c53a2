import { Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { OutboxRelay } from '@csc/event-store';
import { ConsumerHealth } from '@csc/messaging';

/**
 * Ready only while events flow: the outbox relay is connected and publishing (not failing pass after
 * pass) and every consumer group has joined. HTTP answers from the first seconds of a start, whatever
 * the broker is doing; readiness is what says whether events flow, and if not, why.
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
    if (status.healthy && status.connected) return indicator.up();
    return indicator.down({
      reason: status.connected ? 'publishing fails' : 'not connected to the broker yet',
      consecutiveFailures: status.consecutiveFailures,
      lastError: status.lastError,
    });
  }

  consumersAreRunning(key = 'consumers') {
    const indicator = this.health.check(key);
    // Each group not consuming, with why: joining, the broker out of reach, restarting, crashed. Parked
    // events do not make the service unready (parking keeps partitions moving), but they show.
    const parked = this.consumers.parkedByGroup;
    const details: { parkedEvents?: Record<string, number> } = Object.keys(parked).length > 0 ? { parkedEvents: parked } : {};
    return this.consumers.healthy ? indicator.up(details) : indicator.down({ notJoined: this.consumers.problems, ...details });
  }
}
