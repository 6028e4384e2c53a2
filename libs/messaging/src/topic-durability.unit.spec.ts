import { topicDurabilityOf } from './topic-durability';

describe("the topics' durability settings", () => {
  it('are one copy locally unless set', () => {
    expect(topicDurabilityOf({}, { production: false })).toEqual({
      durability: { replicationFactor: 1, minInsyncReplicas: 1 },
      problems: [],
    });
  });

  it('take a production cluster’s 3 and 2', () => {
    expect(topicDurabilityOf({ KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' }, { production: true })).toEqual({
      durability: { replicationFactor: 3, minInsyncReplicas: 2 },
      problems: [],
    });
  });

  it('name each setting that does not hold', () => {
    expect(topicDurabilityOf({ KAFKA_REPLICATION_FACTOR: 'three' }, { production: false }).problems).toEqual([
      'KAFKA_REPLICATION_FACTOR: must be a whole number from 1 to 99, not "three"',
    ]);
    expect(topicDurabilityOf({ KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' }, { production: false }).problems).toEqual([
      'KAFKA_MIN_INSYNC_REPLICAS: 3 is more than KAFKA_REPLICATION_FACTOR 2: no write could ever be acknowledged',
    ]);
    expect(topicDurabilityOf({ KAFKA_REPLICATION_FACTOR: '0' }, { production: false }).problems).toHaveLength(1);
  });

  it('refuse one in-sync replica in production, where an acknowledged event must not live on one disk only', () => {
    expect(topicDurabilityOf({ KAFKA_REPLICATION_FACTOR: '3' }, { production: true }).problems).toEqual([
      'KAFKA_MIN_INSYNC_REPLICAS: production needs at least 2 (with KAFKA_REPLICATION_FACTOR 3)',
    ]);
  });
});
