import type { ConsumerConfig } from 'kafkajs';

/**
 * How a projection's consumer fetches from the broker. Shared with the replay bench's bare kafkajs
 * consumer (bench/support/kafkajs-read-ceiling.ts), so that its ceiling is what kafkajs reads with
 * the very settings a rebuild reads with.
 */
export const PROJECTION_FETCH: Pick<ConsumerConfig, 'maxBytesPerPartition' | 'maxWaitTimeInMs'> = {
  // 1 MiB: since the domain topics roll by size, a fetch fills whatever it is allowed. At 4 MiB a rebuild
  // was no faster (33% of the bare consumer either way) and its peak resident memory ~30-40 MiB higher;
  // at 256 KiB a 400,000-event rebuild took 17.3 s instead of 13.8 s.
  maxBytesPerPartition: 1024 * 1024,
  maxWaitTimeInMs: 250,
};
