/**
 * What a consumer did with each event, for whoever counts (the platform's Prometheus metrics). Called
 * with the consumer group and the event's type only: never anything from inside the event.
 */
export interface ConsumerObserver {
  /** Its reaction committed (or the inbox found it already handled). */
  handled(consumer: string, eventType: string): void;
  /** Set aside in parked_events: it waits for an earlier event, or behind one of its key that does. */
  parked(consumer: string, eventType: string): void;
  /** Sent to the dead letters: it kept failing, or could not be read (eventType 'unreadable'). */
  deadLettered(consumer: string, eventType: string): void;
  /** Tried again: after its own failure, or waiting out one that is not its own (the database restarting). */
  retried(consumer: string, eventType: string, cause: 'own_failure' | 'transient'): void;
}

export const UNREADABLE_EVENT = 'unreadable';
