import type { EventEnvelope } from '@csc/contracts';
import type { EntityManager } from 'typeorm';

/** A projection's tables for one version: base name -> the version's own table (e.g. referrals -> referrals_v3). */
export type VersionTables = Record<string, string>;

/**
 * A read model kept from the event log. Its rows must come out the same whatever the order in
 * which the topics interleave and however often an event is delivered: each event sets facts keyed
 * by natural ids (a referral, a case), never increments a counter. Views aggregate those facts
 * when they are read.
 */
export interface ProjectionDefinition {
  name: string;
  /** Logical topic names (TOPICS values); the runner adds the deployment's suffix. */
  topics: string[];
  /**
   * The event types it reads. Others on its topics are passed over by their `event-type` header,
   * unparsed (most of a rebuild's time would otherwise go on parsing events nothing here uses);
   * their offsets still advance with the batch.
   */
  eventTypes: string[];
  /** Base table names; each version gets its own copies, so a rebuild never touches the serving tables. */
  tables: string[];
  createTables(manager: EntityManager, tables: VersionTables): Promise<void>;
  /** Applies a batch (already filtered to what was not applied before) with set-based SQL, in the caller's transaction. */
  apply(manager: EntityManager, events: EventEnvelope[], tables: VersionTables): Promise<void>;
}

export const versionTables = (definition: Pick<ProjectionDefinition, 'tables'>, version: number): VersionTables =>
  Object.fromEntries(definition.tables.map((table) => [table, `${PROJECTION_SCHEMA}.${table}_v${version}`]));

/** Versioned tables live in their own schema: the only place a service's role may create and drop tables. */
export const PROJECTION_SCHEMA = 'projections';

/** Where a version of a projection stands: serving, being rebuilt beside the serving one, or replaced. */
export type VersionState = 'CURRENT' | 'BUILDING' | 'RETIRED';
