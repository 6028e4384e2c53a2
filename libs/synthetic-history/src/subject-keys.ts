import { createHmac } from 'node:crypto';
import { isSealedSubject, type EventEnvelope } from '@csc/contracts';
import { SeededRandom, type Seed } from './seeded-random';

/**
 * Each child's subjects are sealed with a key of their own, as the services' key vault does, so that
 * a generated history loaded as a migrated past can be erased child by child. The keys come from one
 * root (from the seed, or given) by HMAC with the key id, so nothing but the root need be kept.
 */
export const rootSubjectKeyOf = (seed: Seed): Buffer => SeededRandom.derived(seed, 'subject-key').bytes(32);

export const subjectKeyFor = (root: Buffer, kid: string): Buffer => createHmac('sha256', root).update(kid).digest();

/** A key to hand to the key vault: which subjects it opens (kid) and whose they are. */
export interface HistorySubjectKey {
  kid: string;
  /** The child whose erasure destroys it; null for an early help request whose child was never known. */
  childId: string | null;
  key: Buffer;
}

/** Notes, as a history's events go by, the key of every subject sealed in them. */
export class HistorySubjectKeys {
  private readonly owners = new Map<string, string | null>();

  constructor(private readonly root: Buffer) {}

  note(event: EventEnvelope): void {
    const subject = (event.data as { subject?: unknown }).subject;
    if (!isSealedSubject(subject)) return;
    if (!this.owners.get(subject.kid)) this.owners.set(subject.kid, event.childId);
  }

  /** Passes the events on unchanged, noting their keys. */
  *noting(events: Iterable<EventEnvelope>): Generator<EventEnvelope> {
    for (const event of events) {
      this.note(event);
      yield event;
    }
  }

  keys(): HistorySubjectKey[] {
    return [...this.owners].map(([kid, childId]) => ({ kid, childId, key: subjectKeyFor(this.root, kid) }));
  }
}
