import type { ConsumerConfig } from 'kafkajs';

/**
 * How a projection's consumer fetches from the broker. Shared with the replay bench's bare kafkajs
 * consumer (bench/support/kafkajs-read-ceiling.ts), so that its ceiling is what kafkajs reads with
 * the very settings a rebuild reads with.
 */
export const PROJECTION_FETCH: Pick<ConsumerConfig, 'maxBytesPerPartition' | 'maxWaitTimeInMs'> = {
  maxBytesPerPartition: 4 * 1024 * 1024,
  maxWaitTimeInMs: 250,
};
