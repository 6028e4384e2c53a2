import type { DataSource } from 'typeorm';
import { DeadLetterStore, type DeadLetterStatus, type DeadLetterSummary, type StoredDeadLetter } from './dead-letter-store';

/** What a replay did: REPLAYED (applied, or found already handled), or still PARKED because it failed again. */
export type ReplayResult =
  | { id: string; result: 'REPLAYED'; applied: boolean }
  | { id: string; result: 'FAILED'; error: string }
  | { id: string; result: 'NOT_FOUND' }
  | { id: string; result: 'ALREADY_RESOLVED'; status: DeadLetterStatus }
  | { id: string; result: 'NO_CONSUMER'; consumer: string };

/** A consumer group's way to re-deliver one of its dead letters through its own reaction path. */
export type DeadLetterReplayer = (letter: StoredDeadLetter, by: string) => Promise<ReplayResult>;

/**
 * The service's dead letters: listed from `dead_letters`, replayed through the consumer group that
 * failed them (registered by the Kafka transport as it starts), discarded with a reason. Every
 * instance of a service can replay any of its letters: the inbox and the letter's row make a replay
 * take effect once, whichever instance runs it.
 */
export class DeadLetters {
  readonly store: DeadLetterStore;
  private readonly replayers = new Map<string, DeadLetterReplayer>();

  constructor(dataSource: DataSource) {
    this.store = new DeadLetterStore(dataSource);
  }

  attach(consumer: string, replayer: DeadLetterReplayer): void {
    this.replayers.set(consumer, replayer);
  }

  detach(consumer: string): void {
    this.replayers.delete(consumer);
  }

  list(filter: { status: DeadLetterStatus | null; consumer?: string; limit?: number }): Promise<DeadLetterSummary[]> {
    return this.store.list({ ...filter, limit: filter.limit ?? 100 });
  }

  get(id: string): Promise<StoredDeadLetter | null> {
    return this.store.get(id);
  }

  async replay(id: string, by: string): Promise<ReplayResult> {
    const letter = await this.store.get(id);
    if (!letter) return { id, result: 'NOT_FOUND' };
    if (letter.status !== 'PARKED') return { id, result: 'ALREADY_RESOLVED', status: letter.status };
    const replayer = this.replayers.get(letter.consumer);
    if (!replayer) return { id, result: 'NO_CONSUMER', consumer: letter.consumer };
    return replayer(letter, by);
  }

  /** Every PARKED letter (of one group, or all), oldest first, one at a time so a key's letters keep their order. */
  async replayAll(by: string, consumer?: string): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    for (const letter of await this.store.list({ status: 'PARKED', consumer, limit: 1000 })) {
      results.push(await this.replay(letter.id, by));
    }
    return results;
  }

  async discard(id: string, by: string, reason: string): Promise<'DISCARDED' | 'NOT_FOUND' | DeadLetterStatus> {
    if (await this.store.discard(id, by, reason)) return 'DISCARDED';
    const letter = await this.store.get(id);
    return letter ? letter.status : 'NOT_FOUND';
  }
}
