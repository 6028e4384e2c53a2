import type { NewEvent, StoredEvent } from './stored-event';

/**
 * Seals each event's `data.subject` (its personal data) before it is stored, and opens it when a
 * stream is read back. The store never holds or publishes a subject in clear text.
 */
export interface SubjectSealer {
  seal(streamId: string, events: NewEvent[]): Promise<NewEvent[]>;
  /** Opens subjects; an erased child's comes back as null, with `subjectErased` set. */
  open(events: StoredEvent[]): Promise<StoredEvent[]>;
}

/** For a service that holds no personal data: an event carrying a subject is a programming error. */
export const NO_PERSONAL_DATA: SubjectSealer = {
  seal: async (streamId, events) => {
    const withSubject = events.find((event) => subjectOf(event.data) != null);
    if (withSubject) throw new Error(`${withSubject.type} on ${streamId} carries personal data, which this service may not write`);
    return events;
  },
  open: async (events) => events,
};

export const subjectOf = (data: unknown): unknown =>
  data !== null && typeof data === 'object' && 'subject' in data ? (data as { subject: unknown }).subject : undefined;
