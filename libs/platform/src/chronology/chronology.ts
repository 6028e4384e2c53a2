import type { EventDescriber } from '@csc/domain';
import type { DomainEvent, RecordedEvent } from '../commands/aggregate-store';

/** One line of a record's chronology: when, what (in plain words), by whom (role and organisation, never the person). */
export interface ChronologyEntry {
  at: string;
  what: string;
  by: { role: string; org: string };
  eventType: string;
  version: number;
}

/**
 * A stream's events, oldest first, as its service's describer words them for this reader; the events
 * it is not told of (the describer says null) are left out. The actor's token subject is never shown:
 * it names a person, and no single read of a record shows it.
 */
export const chronologyOf = <Event extends DomainEvent>(
  recorded: readonly RecordedEvent<Event>[],
  describe: EventDescriber<Event>,
): ChronologyEntry[] =>
  [...recorded]
    .sort((a, b) => a.streamVersion - b.streamVersion)
    .flatMap(({ event, occurredAt, actor, streamVersion }) => {
      const what = describe(event);
      return what === null
        ? []
        : [{ at: occurredAt, what, by: { role: actor.role, org: actor.org }, eventType: event.type, version: streamVersion }];
    });
