import type { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteAlongside } from '@csc/event-store';

/** One column's value in a list row: ids, codes and dates as text, numbers, flags, or null. */
export type ListValue = string | number | boolean | null;

/**
 * A list of one kind of aggregate (a caseload, the early help episodes): one row per stream, made by a
 * pure function of the folded state, so the row is whatever a read of the stream would say.
 *
 * Why kept by the shared command path (AggregateStore), in the append's own transaction, rather than
 * by a ProjectionHost reading the service's own topic: a practitioner who opens or changes a case
 * sees it in their list at once (no lag behind the relay and the broker), a list read needs no Kafka,
 * and a row can never be ahead of or behind its events. It stays rebuildable from the log:
 * `AggregateStore.catchUpLists` folds every stream that has no row (a new table's backfill, or after
 * the table is emptied for a changed `rowOf`).
 */
export interface AggregateList<State> {
  /** The read model's table; its key column holds the aggregate's id, and it has a `version` column. */
  table: string;
  idColumn: string;
  /** The row's columns but the id and version; null when the stream holds no record to list. */
  rowOf(state: State): Record<string, ListValue> | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

const checkedIdentifier = (name: string): string => {
  // Table and column names come from code, never from a request; checked all the same, as they are spliced into SQL.
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
};

/**
 * Writes a stream's row as of `version`. A write for an older version than the row's is ignored, so
 * a catch-up racing a command (or two instances catching up at once) leaves the newest row whichever commits last.
 */
export const upsertListRow = async <State>(
  manager: EntityManager,
  list: AggregateList<State>,
  id: string,
  version: number,
  state: State,
): Promise<void> => {
  const write = listRowWrite(list, id, version, state);
  if (write) await manager.query(write.text, write.values);
};

/** upsertListRow's write, to be made in an append's own statement (WriteAlongside); null when the stream holds nothing to list. */
export const listRowWrite = <State>(list: AggregateList<State>, id: string, version: number, state: State): WriteAlongside | null => {
  const row = list.rowOf(state);
  if (!row) return null;
  const table = checkedIdentifier(list.table);
  const columns = [checkedIdentifier(list.idColumn), 'version', ...Object.keys(row).map(checkedIdentifier)];
  const updates = columns.slice(1).map((column) => `${column} = EXCLUDED.${column}`);
  return {
    text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})
     ON CONFLICT (${columns[0]}) DO UPDATE SET ${updates.join(', ')} WHERE ${table}.version < EXCLUDED.version`,
    values: [id, version, ...Object.values(row)],
  };
};

/** The ids of an aggregate's streams (named `<prefix><uuid>`) that have no row in the list yet. */
export const streamsMissingFrom = async <State>(
  manager: EntityManager,
  list: AggregateList<State>,
  streamPrefix: string,
): Promise<string[]> => {
  if (!/^[a-z-]+$/.test(streamPrefix)) throw new Error(`not a plain stream prefix: ${streamPrefix}`);
  const rows: { id: string }[] = await manager.query(
    `SELECT substr(e.stream_id, $2)::uuid::text AS id FROM events e
     WHERE e.stream_version = 1 AND e.stream_id ~ $1
       AND NOT EXISTS (SELECT 1 FROM ${checkedIdentifier(list.table)} l WHERE l.${checkedIdentifier(list.idColumn)} = substr(e.stream_id, $2)::uuid)
     ORDER BY e.global_position`,
    [`^${streamPrefix}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, streamPrefix.length + 1],
  );
  return rows.map((row) => row.id);
};

const CATCH_UP_RETRY_MS = 30_000;

/**
 * A service's start: lists every stream that has no row yet (awaited, so a service that answers has
 * listed what it holds). If the database is not reachable yet it tries again in the background rather
 * than keep the service from starting; the lists fill in once it answers.
 */
export const catchUpListsOnStart = async (store: { catchUpLists(): Promise<number> }, logger: Logger): Promise<void> => {
  try {
    const listed = await store.catchUpLists();
    if (listed > 0) logger.log(`listed ${listed} existing records`);
  } catch (error) {
    logger.warn(`lists not caught up (trying again in ${CATCH_UP_RETRY_MS / 1000} s): ${(error as Error).message}`);
    setTimeout(() => void catchUpListsOnStart(store, logger), CATCH_UP_RETRY_MS).unref();
  }
};
