import type { z } from 'zod';
import { EARLIER_EVENT_DATA_SCHEMAS } from '../earlier-event-data';
import { currentSchemaVersionOf, EVENT_TYPES, topicOf, type EventType } from '../event-catalogue';
import { EVENT_DATA_SCHEMAS, hasDataSchema } from '../event-data';
import { EVENT_UPCASTERS } from '../event-upcasters';
import type { Upcasters } from '../upcasting';
import type { DomainTopic } from '../topics';

/** One shape an event of a type may have on the log: the current version, or an older one an upcaster still reads. */
export interface EventVersion {
  type: EventType;
  version: number;
  topic: DomainTopic;
  current: boolean;
  dataSchema: z.ZodObject;
}

const dataSchemaOf = (type: EventType, version: number): z.ZodObject => {
  const schema =
    version === currentSchemaVersionOf(type)
      ? hasDataSchema(type)
        ? (EVENT_DATA_SCHEMAS[type] as z.ZodObject)
        : undefined
      : EARLIER_EVENT_DATA_SCHEMAS[type]?.[version];
  // The catalogue must describe every shape a consumer can meet; a missing one is a contract left half-written.
  if (!schema) throw new Error(`no data schema for ${type} v${version}: add it to EVENT_DATA_SCHEMAS or EARLIER_EVENT_DATA_SCHEMAS`);
  return schema;
};

/** Every event type of the catalogue, each version that can be found on its topic (what the upcasters read, and the current one), oldest first. */
export const eventVersionsOnTheLog = (upcasters: Upcasters = EVENT_UPCASTERS): EventVersion[] =>
  EVENT_TYPES.flatMap((type) => {
    const current = currentSchemaVersionOf(type);
    return [...upcasters.olderVersionsOf(type), current].map((version) => ({
      type,
      version,
      topic: topicOf(type),
      current: version === current,
      dataSchema: dataSchemaOf(type, version),
    }));
  });
