/**
 * Which of a batch's keys have parked events in the consumer group, and on which topics: read in one
 * query when the batch starts and kept up to date as the batch parks more, so an event whose key has
 * none (nearly all of them) costs no query. Only the consumer of a partition parks that partition's
 * sequences, so this can be stale in one direction only: a sequence another instance's sweep emptied
 * still shows here, and an event parked behind it waits for the next sweep instead of running now.
 */
export class ParkedSequences {
  private readonly topicsByKey = new Map<string, Set<string>>();

  /** `rows`: the (topic, key) pairs with parked events among `keys`, which are all remembered as looked up. */
  constructor(keys: Iterable<string>, rows: Iterable<{ topic: string; key: string }>) {
    for (const key of keys) this.topicsByKey.set(key, new Set());
    for (const row of rows) this.add(row.topic, row.key);
  }

  knows(key: string): boolean {
    return this.topicsByKey.has(key);
  }

  /** Events of this key on this topic must queue behind the parked ones. */
  has(topic: string, key: string): boolean {
    return this.topicsByKey.get(key)?.has(topic) ?? false;
  }

  /** Something of this key is parked, on any topic: handling one of its events may release it. */
  hasAny(key: string): boolean {
    return (this.topicsByKey.get(key)?.size ?? 0) > 0;
  }

  add(topic: string, key: string): void {
    const topics = this.topicsByKey.get(key) ?? new Set<string>();
    topics.add(topic);
    this.topicsByKey.set(key, topics);
  }

  /** After a retry: the topics on which this key still has parked events. */
  replace(key: string, topics: Iterable<string>): void {
    this.topicsByKey.set(key, new Set(topics));
  }
}
