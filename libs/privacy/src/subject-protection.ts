import {
  isSealedSubject,
  parseEventData,
  type EVENT_DATA_SCHEMAS,
  type EventDataOf,
  type EventEnvelope,
  type SealedSubject,
} from '@csc/contracts';
import { subjectOf, type NewEvent, type StoredEvent, type SubjectSealer } from '@csc/event-store';
import { openSubject, sealSubject } from './subject-cipher';
import type { SubjectKeyVault } from './subject-key-vault';

/** An event whose subject was opened: in clear text, or null with `erased` when the child's key is gone. */
export interface RevealedEnvelope<TData = unknown> {
  envelope: EventEnvelope<string, TData>;
  erased: boolean;
}

/**
 * The one place personal data is sealed and opened. The event store seals every subject on append
 * (with the child's key, or the stream's while the child is unknown) and opens subjects on reads;
 * a reaction that needs a child's details calls `reveal`, and only those that must.
 */
export class SubjectProtection implements SubjectSealer {
  constructor(private readonly vault: SubjectKeyVault) {}

  async seal(streamId: string, events: NewEvent[]): Promise<NewEvent[]> {
    return Promise.all(
      events.map(async (event) => {
        const subject = subjectOf(event.data);
        if (subject == null) return event;
        if (isSealedSubject(subject)) throw new Error(`${event.type}: a subject is sealed once, by the store`);
        const { kid, key } = await this.vault.sealingKey(event.childId ? { childId: event.childId } : { streamId });
        return { ...event, data: { ...(event.data as object), subject: sealSubject(key, kid, subject, event.eventId) } };
      }),
    );
  }

  async open(events: StoredEvent[]): Promise<StoredEvent[]> {
    return Promise.all(
      events.map(async (event) => {
        const { envelope, erased } = await this.reveal(event);
        return erased ? { ...event, data: envelope.data, subjectErased: true as const } : { ...event, data: envelope.data };
      }),
    );
  }

  /** The event's data with its subject opened and checked against its schema; null when the child was erased. */
  async openData<T extends keyof typeof EVENT_DATA_SCHEMAS>(type: T, envelope: EventEnvelope): Promise<EventDataOf<T> | null> {
    const { envelope: revealed, erased } = await this.reveal(envelope);
    return erased ? null : parseEventData(type, revealed.data);
  }

  /**
   * Seals a record about a child that is kept outside the event log (the child index's identities):
   * with the child's own key, so an erasure closes it in every copy of every table, backups included.
   * `boundTo` names the row, so a sealed value copied to another row does not open.
   */
  async sealForChild(childId: string, value: unknown, boundTo: string): Promise<SealedSubject> {
    const { kid, key } = await this.vault.sealingKey({ childId });
    return sealSubject(key, kid, value, boundTo);
  }

  /** Opens many records sealed by sealForChild, fetching their keys in one round trip; null for an erased child's. */
  async openSealed(records: { sealed: SealedSubject; boundTo: string }[]): Promise<unknown[]> {
    await this.vault.prefetchOpeningKeys(records.map(({ sealed }) => sealed.kid));
    return Promise.all(
      records.map(async ({ sealed, boundTo }) => {
        const key = await this.vault.openingKey(sealed.kid);
        return key ? openSubject(key, sealed, boundTo) : null;
      }),
    );
  }

  /** The envelope with its subject opened. */
  async reveal<TEnvelope extends EventEnvelope>(envelope: TEnvelope): Promise<RevealedEnvelope> {
    const sealed = subjectOf(envelope.data);
    if (sealed == null) return { envelope, erased: false };
    if (!isSealedSubject(sealed)) throw new Error(`${envelope.type} ${envelope.eventId}: its subject is not sealed`);
    const key = await this.vault.openingKey(sealed.kid);
    const subject = key ? openSubject(key, sealed, envelope.eventId) : null;
    return { envelope: { ...envelope, data: { ...(envelope.data as object), subject } }, erased: key === null };
  }
}
