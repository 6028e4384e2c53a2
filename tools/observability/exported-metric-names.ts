import type { ModuleRef } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { Histogram, Summary } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@csc/event-store';
import type { DeadLetters } from '@csc/messaging';
import {
  appendedCounter,
  consumerCounters,
  EventFlowGauges,
  httpMetrics,
  keyVaultCounter,
  ServiceMetrics,
  watchConsumerLag,
} from '@csc/platform';
import { WebhookMetrics } from '../../services/school-notifications/src/webhooks/webhook-metrics';

/** Series Prometheus itself writes for every target it scrapes, which dashboards and alerts may read. */
const PROMETHEUS_OWN = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'];

/**
 * Every metric name a service can export, from the code that defines them: the platform's metrics and
 * school-notifications' webhook metrics registered into one registry as the services register them (their
 * sources are stand-ins: nothing is read until a scrape, and nothing is scraped here), with prom-client's
 * process and Node defaults. A histogram or summary is read as its `_bucket`, `_sum` and `_count` series.
 */
export const exportedMetricNames = (): Set<string> => {
  const metrics = new ServiceMetrics('names-only');
  consumerCounters(metrics);
  appendedCounter(metrics);
  keyVaultCounter(metrics);
  httpMetrics(metrics);
  watchConsumerLag(metrics, {} as Kafka, () => []);
  const hostOfProjections = { get: () => ({}) } as unknown as ModuleRef;
  new EventFlowGauges(metrics, hostOfProjections, {} as DeadLetters, {} as OutboxRelay).onModuleInit();
  new WebhookMetrics(metrics, {} as DataSource).onModuleInit();

  const names = metrics.registry.getMetricsAsArray().flatMap((metric) => {
    const { name } = metric as unknown as { name: string };
    if (metric instanceof Histogram) return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
    if (metric instanceof Summary) return [name, `${name}_sum`, `${name}_count`];
    return [name];
  });
  metrics.registry.clear();
  return new Set([...names, ...PROMETHEUS_OWN]);
};
