import { Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { OutboxRelay } from '@csc/event-store';
import { ConsumerHealth } from '@csc/messaging';
import { ProjectionHost } from '@csc/projections';

/**
 * Ready only while events flow: the outbox relay is connected and publishing (not failing pass after
 * pass, not halted on a broker that lost its log), every consumer group has joined and none is stalled
 * (ConsumerHealth), and every projection reads the broker's log it was built from. HTTP answers from
 * the first seconds of a start, whatever the broker is doing; readiness is what says whether events
 * flow, and if not, why.
 */
@Injectable()
export class EventFlowHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly consumers: ConsumerHealth,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  /**
   * Not ready while a projection's offsets refer to a log the broker no longer holds (it is being
   * rebuilt from offset 0 meanwhile): its views would otherwise look current and take nothing new.
   */
  projectionsReadTheBrokersLog(key = 'projections') {
    const indicator = this.health.check(key);
    const host = this.projectionHost();
    if (!host) return indicator.up({ projections: 'none: this service keeps no projections' });
    const problems = host.problems();
    return Object.keys(problems).length === 0 ? indicator.up() : indicator.down({ rebuilding: problems });
  }

  /** The service's projection host, provided by its own module (if it keeps projections), not by the platform's. */
  private projectionHost(): ProjectionHost | null {
    try {
      return this.moduleRef.get(ProjectionHost, { strict: false });
    } catch {
      return null;
    }
  }

  relayIsPublishing(key = 'outboxRelay') {
    const indicator = this.health.check(key);
    if (!this.relay) return indicator.up({ relay: 'none: this service writes no events' });
    const status = this.relay.getStatus();
    // Halted on a broker that is not the one it published to: the reason names the command that resumes it.
    if (status.halted !== null) return indicator.down({ halted: status.halted });
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
    if (this.consumers.healthy) return indicator.up(details);
    // Not joined (joining, the broker out of reach, restarting, crashed), or stalled: no batch through for
    // CONSUMER_STALL_SECONDS with events to read, failing again and again, or holding a batch.
    const notJoined = this.consumers.problems;
    const stalled = this.consumers.stalled;
    return indicator.down({
      ...(Object.keys(notJoined).length > 0 ? { notJoined } : {}),
      ...(Object.keys(stalled).length > 0 ? { stalled } : {}),
      ...details,
    });
  }
}
