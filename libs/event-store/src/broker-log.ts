import type { Kafka } from 'kafkajs';
import type { EntityManager } from 'typeorm';

/** What the broker holds of a relay's topic, as far as the relay can tell. */
export interface BrokerLog {
  /** Kafka's cluster id: a new broker (a wiped data directory too) has a new one. */
  clusterId: string;
  /** The sum of the topic's partitions' end offsets: every record it was ever given (topics keep them forever). */
  records: bigint;
}

export interface RelayCheckpointState {
  /** The checkpoint's transaction id; '0' before anything was published. */
  transactionId: string;
  clusterId: string | null;
  publishedCount: bigint;
}

/** Asks the broker, as the relay's own client (any principal may describe the cluster and its own topic). */
export const inspectBrokerWith =
  (kafka: Kafka) =>
  async (topic: string): Promise<BrokerLog> => {
    // Gives up quickly, as the relay's producer does: the relay's own loop owns the retries.
    const admin = kafka.admin({ retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 } });
    await admin.connect();
    try {
      const { clusterId } = await admin.describeCluster();
      const offsets = await admin.fetchTopicOffsets(topic);
      return { clusterId, records: offsets.reduce((total, { high }) => total + BigInt(high), 0n) };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };

/**
 * Why the broker is not the one the checkpoint refers to, or null when it may be. Either sign
 * means the topic lacks history the checkpoint says is published: another cluster id, or fewer
 * records on the topic than the relay has published to it (the topic recreated, its log lost).
 * A checkpoint at the beginning refers to no broker: publishing from there makes any topic whole.
 */
export const brokerProblem = (topic: string, checkpoint: RelayCheckpointState, broker: BrokerLog): string | null => {
  if (checkpoint.transactionId === '0') return null;
  if (checkpoint.clusterId !== null && checkpoint.clusterId !== broker.clusterId) {
    return (
      `the broker (cluster ${broker.clusterId}) is not the one this service published to (cluster ${checkpoint.clusterId}); ` +
      'its topics lack this service’s history: run npm run republish'
    );
  }
  if (broker.records < checkpoint.publishedCount) {
    return (
      `topic ${topic} holds ${broker.records} records but this service published ${checkpoint.publishedCount} to it ` +
      '(the topic was recreated or the broker’s log lost): run npm run republish'
    );
  }
  return null;
};

/**
 * Sets the relay's checkpoint back to the beginning so it publishes the whole log again, in order
 * (npm run republish, or the relay itself under RELAY_ON_NEW_BROKER=republish). Taken under the
 * relay's advisory lock, so no pass is half-way through. Consumers skip what they already handled
 * by event id; projections rebuild when they see offsets past a partition's end.
 */
export const resetRelayCheckpoint = async (manager: EntityManager, relay: string, clusterId: string | null = null): Promise<void> => {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('outbox-relay:' || $1))`, [relay]);
  await manager.query(
    `UPDATE outbox_checkpoints SET last_transaction_id = '0', last_position = 0, published_count = 0, cluster_id = $2, updated_at = now()
     WHERE relay = $1`,
    [relay, clusterId],
  );
};
