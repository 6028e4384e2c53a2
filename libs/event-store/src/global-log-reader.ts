import type { EntityManager } from 'typeorm';
import { EVENT_COLUMNS, toStoredEvent, type EventRow, type StoredEvent } from './stored-event';

/** A place in the global log: the writing transaction's id, then the position within it. */
export interface GlobalLogPosition {
  transactionId: string;
  position: string;
}

export const START_OF_LOG: GlobalLogPosition = { transactionId: '0', position: '0' };

/**
 * Reads the global log in (transaction id, position) order, gap-safely: only rows written by
 * transactions older than the oldest one still in flight. A bigserial position is taken at insert
 * time, not at commit, so a later-committing transaction can leave a lower position behind a
 * reader's checkpoint; waiting for `pg_snapshot_xmin` makes that impossible.
 */
export const readGlobalLogAfter = async (manager: EntityManager, after: GlobalLogPosition, limit: number): Promise<StoredEvent[]> => {
  const rows: EventRow[] = await manager.query(
    `SELECT ${EVENT_COLUMNS} FROM events
     WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
       AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY transaction_id, global_position
     LIMIT $3`,
    [after.transactionId, after.position, limit],
  );
  return rows.map(toStoredEvent);
};

export const positionOf = (event: StoredEvent): GlobalLogPosition => ({
  transactionId: event.transactionId,
  position: event.globalPosition,
});
