import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ServiceMetrics } from '@csc/platform';

export type AttemptOutcome = 'delivered' | 'retrying' | 'failed';

/**
 * Webhook delivery as the operators watch it, by school (a school's URN names an organisation, not a
 * person): every attempt's outcome as it happens, and each school's lane (what waits to be delivered,
 * and how long the oldest has waited) read from webhook_deliveries when Prometheus scrapes, so it is
 * the same whichever instance is asked.
 */
@Injectable()
export class WebhookMetrics implements OnModuleInit {
  private attempts!: Counter<'school' | 'outcome'>;

  constructor(
    private readonly metrics: ServiceMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.attempts = this.metrics.counter({
      name: 'csc_webhook_attempts_total',
      help: "Webhook posts to schools by this instance, by school and outcome: delivered, retrying (failed, to be tried again) or failed (given up; still in the school's inbox)",
      labelNames: ['school', 'outcome'],
    });
    const lanes = () => this.lanes();
    this.metrics.gauge({
      name: 'csc_webhook_pending_deliveries',
      help: "Notifications waiting to be delivered to each school's webhook",
      labelNames: ['school'],
      async collect() {
        this.reset();
        for (const lane of await lanes()) this.set({ school: lane.school }, lane.pending);
      },
    });
    this.metrics.gauge({
      name: 'csc_webhook_oldest_pending_seconds',
      help: "How long the oldest notification waiting for each school's webhook has waited since it was queued",
      labelNames: ['school'],
      async collect() {
        this.reset();
        for (const lane of await lanes()) this.set({ school: lane.school }, lane.oldestSeconds);
      },
    });
  }

  attempted(school: string, outcome: AttemptOutcome): void {
    this.attempts.inc({ school, outcome });
  }

  private async lanes(): Promise<{ school: string; pending: number; oldestSeconds: number }[]> {
    const rows: { school_urn: string; pending: number; oldest_seconds: number }[] = await this.dataSource.query(
      `SELECT school_urn, count(*)::int AS pending, extract(epoch FROM now() - min(queued_at))::float8 AS oldest_seconds
       FROM webhook_deliveries WHERE state = 'PENDING' GROUP BY school_urn`,
    );
    return rows.map((row) => ({ school: row.school_urn, pending: row.pending, oldestSeconds: row.oldest_seconds }));
  }
}
