import type { ConsumerObserver } from '@csc/messaging';
import type { KeyVaultObserver } from '@csc/privacy';
import type { ServiceMetrics } from './service-metrics';

/** What the service's reactions did with each event, by consumer group and event type (the Kafka transport tells it). */
export const consumerCounters = (metrics: ServiceMetrics): ConsumerObserver => {
  const events = metrics.counter({
    name: 'csc_consumer_events_total',
    help: 'Events each consumer group took, by event type and outcome: handled, parked (waiting for an earlier event) or dead_lettered',
    labelNames: ['consumer', 'event_type', 'outcome'],
  });
  const retries = metrics.counter({
    name: 'csc_consumer_retries_total',
    help: "Events tried again, by consumer group, event type and cause: own_failure (the reaction failed) or transient (a failure not the event's own)",
    labelNames: ['consumer', 'event_type', 'cause'],
  });
  return {
    handled: (consumer, eventType) => events.inc({ consumer, event_type: eventType, outcome: 'handled' }),
    parked: (consumer, eventType) => events.inc({ consumer, event_type: eventType, outcome: 'parked' }),
    deadLettered: (consumer, eventType) => events.inc({ consumer, event_type: eventType, outcome: 'dead_lettered' }),
    retried: (consumer, eventType, cause) => retries.inc({ consumer, event_type: eventType, cause }),
  };
};

/** Events the service wrote to its event store, by type (the store tells it after each append). */
export const appendedCounter = (metrics: ServiceMetrics): ((types: string[]) => void) => {
  const appended = metrics.counter({
    name: 'csc_events_appended_total',
    help: "Events written to the service's event store (its outbox), by event type",
    labelNames: ['event_type'],
  });
  return (types) => {
    for (const type of types) appended.inc({ event_type: type });
  };
};

/** The key vault's work: each operation, and whether its database was asked or the cache answered (never which key). */
export const keyVaultCounter = (metrics: ServiceMetrics): KeyVaultObserver => {
  const operations = metrics.counter({
    name: 'csc_key_vault_operations_total',
    help: "Children's data keys asked of the key vault, by operation (seal, open, prefetch, destroy) and whether the vault's database or the cache answered",
    labelNames: ['operation', 'answered_from'],
  });
  return (operation, answeredFrom) => operations.inc({ operation, answered_from: answeredFrom });
};
