import type { EventEnvelope } from './envelope';
import { hasDataSchema, parseEventData, parseSealedEventData } from './event-data';
import { EVENT_UPCASTERS } from './event-upcasters';
import type { Upcasters } from './upcasting';

/**
 * An event as this code knows it, on every read path: upcast from an older version (or checked
 * readable, from a newer one), then its data read tolerantly (unknown fields dropped at every depth,
 * required ones checked). Throws InvalidEventDataError or NewerSchemaVersionError when it cannot be read.
 *
 * `readEvent` for data whose subject was opened (an aggregate's own stream); `readSealedEvent` for data
 * as it travels, subject sealed or erased (projections, reactions that need only the coarse facts).
 * An event type outside the catalogue passes through as it is.
 */
export const readEvent = <T extends EventEnvelope>(envelope: T, upcasters: Upcasters = EVENT_UPCASTERS): T => {
  const current = upcasters.toCurrentShape(envelope);
  return hasDataSchema(current.type) ? { ...current, data: parseEventData(current.type, current.data) } : current;
};

export const readSealedEvent = <T extends EventEnvelope>(envelope: T, upcasters: Upcasters = EVENT_UPCASTERS): T => {
  const current = upcasters.toCurrentShape(envelope);
  return hasDataSchema(current.type) ? { ...current, data: parseSealedEventData(current.type, current.data) } : current;
};
