import type { Admin } from 'kafkajs';

export interface ConsumerGroupTopics {
  groupId: string;
  topics: string[];
}

export interface PartitionLag {
  consumer: string;
  topic: string;
  partition: number;
  /** Messages on the partition after the group's committed offset (all of them when it has committed none). */
  lag: number;
}

/** How far each group is behind each partition of its topics: the partition's end minus the group's committed offset. */
export const consumerLagOf = async (admin: Admin, groups: ConsumerGroupTopics[]): Promise<PartitionLag[]> => {
  const lags: PartitionLag[] = [];
  for (const { groupId, topics } of groups) {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high, low }) => [partition, { high, low }]));
      for (const { partition, offset } of partitions) {
        const end = ends.get(partition);
        if (!end) continue;
        // -1: nothing committed yet, so everything still on the partition is to be read.
        const from = Number(offset) < 0 ? Number(end.low) : Number(offset);
        lags.push({ consumer: groupId, topic, partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
  }
  return lags;
};
