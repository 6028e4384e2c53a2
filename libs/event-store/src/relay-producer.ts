import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/**
 * The relay's producer: idempotent with one request in flight, so retries neither duplicate nor
 * reorder within a partition. It gives up on a send quickly: the relay's own loop owns the backoff,
 * and a pass that fails leaves the checkpoint where it was.
 */
export const createRelayProducer = (kafka: Kafka): Producer =>
  kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Java-compatible murmur2 on the child id: outside consumers can predict a child's partition.
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
  });
