import { TOPICS, type EventEnvelope } from '@csc/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { PROJECTION_SCHEMA, type ProjectionDefinition } from '../projection';

type BatchHook = (manager: EntityManager, events: EventEnvelope[]) => Promise<void>;

/**
 * The runner's tests' projection: the ids of the ReferralDecided events it applied, one row each in
 * `applied` (keyed, so applying an event again changes nothing). `afterRows` runs in the batch's
 * transaction once the rows are written, to fail it.
 */
export const decisionsProjection = ({ afterRows }: { afterRows?: BatchHook } = {}): ProjectionDefinition => ({
  name: 'decisions',
  topics: [TOPICS.referralIntake],
  eventTypes: ['ReferralDecided'],
  tables: ['applied'],
  createTables: (manager, tables) => manager.query(`CREATE TABLE ${tables.applied} (event_id uuid PRIMARY KEY)`),
  apply: async (manager, events, tables) => {
    await manager.query(`INSERT INTO ${tables.applied} SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [
      events.map((event) => event.eventId),
    ]);
    await afterRows?.(manager, events);
  },
});

/** The event ids version `version` of decisionsProjection has applied. */
export const appliedDecisions = async (dataSource: DataSource, version = 1): Promise<string[]> =>
  (await dataSource.query(`SELECT event_id FROM ${PROJECTION_SCHEMA}.applied_v${version}`)).map(
    (row: { event_id: string }) => row.event_id,
  );
