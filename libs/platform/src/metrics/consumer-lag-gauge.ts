import type { Kafka } from 'kafkajs';
import { consumerLagOf, type ConsumerGroupTopics } from '@csc/messaging';
import type { ServiceMetrics } from './service-metrics';

/** A scrape waits this long for the broker's offsets at most; past it the lag is left out of that scrape. */
const LAG_TIMEOUT_MS = 5_000;

/**
 * Each reaction consumer group's lag per topic and partition, asked of the broker when Prometheus
 * scrapes (the group's committed offsets against each partition's end). An admin client per scrape:
 * nothing held open between scrapes. Projections keep their offsets in their own database, so their
 * lag is csc_projection_lag_events.
 */
export const watchConsumerLag = (metrics: ServiceMetrics, kafka: Kafka, groups: () => ConsumerGroupTopics[]): void => {
  metrics.gauge({
    name: 'csc_consumer_lag_events',
    help: "Messages on each partition after the consumer group's committed offset",
    labelNames: ['consumer', 'topic', 'partition'],
    async collect() {
      this.reset();
      const joined = groups();
      if (joined.length === 0) return;
      const admin = kafka.admin();
      let timer: NodeJS.Timeout | undefined;
      try {
        await admin.connect();
        const lags = await Promise.race([
          consumerLagOf(admin, joined),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), LAG_TIMEOUT_MS))),
        ]);
        for (const { consumer, topic, partition, lag } of lags) this.set({ consumer, topic, partition: String(partition) }, lag);
      } catch {
        // The broker out of reach: readiness says so; the series are absent from this scrape.
      } finally {
        clearTimeout(timer);
        await admin.disconnect().catch(() => undefined);
      }
    },
  });
};
