import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OutboxRelay } from '@csc/event-store';
import { DeadLetters } from '@csc/messaging';
import { ProjectionHost } from '@csc/projections';
import { ServiceMetrics } from './service-metrics';

/**
 * The outbox relay's and the projections' state, read when Prometheus scrapes (nothing is kept twice:
 * the relay's status, its checkpoint and the projection host's progress are the truth).
 */
@Injectable()
export class EventFlowGauges implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly moduleRef: ModuleRef,
    private readonly deadLetters: DeadLetters,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.watchDeadLetters(this.deadLetters);
    if (this.relay) this.watchRelay(this.relay);
    const host = this.projectionHost();
    if (host) this.watchProjections(host);
  }

  /** Until an operator replays or discards them: what the counters of dead-lettered events cannot say. */
  private watchDeadLetters(deadLetters: DeadLetters): void {
    this.metrics.gauge({
      name: 'csc_dead_letters_parked',
      help: 'Dead letters waiting for an operator (PARKED: neither replayed nor discarded), by consumer group',
      labelNames: ['consumer'],
      async collect() {
        this.reset();
        for (const [consumer, parked] of Object.entries(await deadLetters.store.countParked())) this.set({ consumer }, parked);
      },
    });
  }

  private watchRelay(relay: OutboxRelay): void {
    this.metrics.counter({
      name: 'csc_relay_events_published_total',
      help: 'Events the outbox relay of this instance published to Kafka since it started',
      collect() {
        this.reset();
        this.inc(relay.getStatus().publishedSinceStart);
      },
    });
    this.metrics.gauge({
      name: 'csc_outbox_backlog_events',
      help: 'Events committed to the event store and not yet published (counted up to 100,000)',
      async collect() {
        this.set(await relay.backlog());
      },
    });
    this.metrics.gauge({
      name: 'csc_relay_halted',
      help: '1 while the relay publishes nothing because the broker is not the one it published to (npm run republish), else 0',
      collect() {
        this.set(relay.getStatus().halted === null ? 0 : 1);
      },
    });
    this.metrics.gauge({
      name: 'csc_relay_consecutive_failures',
      help: "The relay's failed passes in a row (0 when its last pass worked)",
      collect() {
        this.set(relay.getStatus().consecutiveFailures);
      },
    });
  }

  private watchProjections(host: ProjectionHost): void {
    const labelNames = ['projection', 'version', 'state'] as const;
    // One read of the host's status per scrape, shared by the gauges below.
    let statuses: ReturnType<ProjectionHost['status']> | null = null;
    const current = () => (statuses ??= host.status().finally(() => setTimeout(() => (statuses = null), 1_000)));
    const each = (read: (status: Awaited<ReturnType<ProjectionHost['status']>>[number]) => number) =>
      async function (this: { reset(): void; set(labels: Record<string, string>, value: number): void }) {
        this.reset();
        for (const status of await current()) {
          this.set({ projection: status.projection, version: String(status.version), state: status.state }, read(status));
        }
      };
    this.metrics.gauge({
      name: 'csc_projection_lag_events',
      help: 'Events on the topics a projection version has not applied yet (a version being rebuilt: how far it has to go)',
      labelNames,
      collect: each((status) => status.lag),
    });
    this.metrics.gauge({
      name: 'csc_projection_applied_events',
      help: 'Events a projection version applied since this instance started',
      labelNames,
      collect: each((status) => status.applied),
    });
    this.metrics.gauge({
      name: 'csc_projection_dead_lettered_events',
      help: 'Events a projection version could not apply and sent to the dead letters since this instance started',
      labelNames,
      collect: each((status) => status.deadLettered),
    });
    this.metrics.gauge({
      name: 'csc_projection_rebuild_eta_seconds',
      help: 'For a version being rebuilt: the seconds it expects to need to catch up at its current rate (-1: unknown)',
      labelNames,
      collect: each((status) => (status.state === 'BUILDING' ? (status.etaSeconds ?? -1) : 0)),
    });
  }

  /** The service's projection host, provided by its own module (if it keeps projections), not by the platform's. */
  private projectionHost(): ProjectionHost | null {
    try {
      return this.moduleRef.get(ProjectionHost, { strict: false });
    } catch {
      return null;
    }
  }
}
