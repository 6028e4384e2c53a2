import type { ConsumerConfig } from 'kafkajs';

/**
 * How a projection's consumer fetches from the broker. Shared with the replay bench's bare kafkajs
 * consumer (bench/support/kafkajs-read-ceiling.ts), so that its ceiling is what kafkajs reads with
 * the very settings a rebuild reads with.
 */
export const PROJECTION_FETCH: Pick<ConsumerConfig, 'maxBytesPerPartition' | 'maxWaitTimeInMs'> = {
  // 1 MiB: since the domain topics roll by size, a fetch fills whatever it is allowed. At 4 MiB a rebuild
  // was no faster (33% of the bare consumer either way) but held ~70 MiB more, and statutory-returns'
  // census export then peaked over its 512 MB ceiling (bench/results/bench.md, census).
  maxBytesPerPartition: 1024 * 1024,
  maxWaitTimeInMs: 250,
};
