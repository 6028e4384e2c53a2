import type { EntityManager } from 'typeorm';
import type { OpeningStatement } from '@csc/event-store';
import type { VersionState } from './projection';

export interface PartitionOffset {
  topic: string;
  partition: number;
  /** The offset of the next message to apply (Kafka's convention for committed offsets). */
  nextOffset: string;
}

export interface ProjectionVersion {
  projection: string;
  version: number;
}

/**
 * Offsets of a projection version, read at start-up to seek each partition and written in the same
 * transaction as the rows a batch produced. An offset only moves forward: a replayed batch whose
 * offsets are behind the stored ones is recognised by `alreadyApplied` and skipped.
 */
export class ProjectionOffsets {
  async load(manager: EntityManager, { projection, version }: ProjectionVersion): Promise<PartitionOffset[]> {
    const rows: { topic: string; partition: number; next_offset: string }[] = await manager.query(
      `SELECT topic, partition, next_offset::text FROM projection_offsets WHERE projection = $1 AND version = $2 ORDER BY topic, partition`,
      [projection, version],
    );
    return rows.map((row) => ({ topic: row.topic, partition: row.partition, nextOffset: row.next_offset }));
  }

  /** Moves a partition's offset forward, inside the caller's transaction; never backwards. */
  async advance(manager: EntityManager, { projection, version }: ProjectionVersion, offset: PartitionOffset): Promise<void> {
    await manager.query(
      `INSERT INTO projection_offsets (projection, version, topic, partition, next_offset) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (projection, version, topic, partition)
       DO UPDATE SET next_offset = greatest(projection_offsets.next_offset, excluded.next_offset), updated_at = now()`,
      [projection, version, offset.topic, offset.partition, offset.nextOffset],
    );
  }

  /**
   * What a batch starts from: the version's state (null once it is gone) and the partition's next
   * offset (null when nothing has been applied from it yet), its row locked to the end of the
   * transaction: another instance given the partition after a rebalance waits until this batch has
   * committed. The statement opens the batch's transaction, sent with its BEGIN (inTransactionOpenedBy);
   * `batchStart` reads its row.
   */
  batchStartStatement({ projection, version }: ProjectionVersion, topic: string, partition: number): OpeningStatement {
    return { text: LOCK_FOR_BATCH, values: [projection, version, topic, partition] };
  }

  batchStart([row]: BatchStartRow[]): { state: VersionState | null; nextOffset: string | null } {
    return { state: row.state, nextOffset: row.next_offset };
  }

  /** A retired version's offsets go with its tables. */
  async discard(manager: EntityManager, { projection, version }: ProjectionVersion): Promise<void> {
    await manager.query(`DELETE FROM projection_offsets WHERE projection = $1 AND version = $2`, [projection, version]);
  }

  /** True when the message at `offset` was applied by an earlier, committed batch. */
  async alreadyApplied(
    manager: EntityManager,
    version: ProjectionVersion,
    topic: string,
    partition: number,
    offset: string,
  ): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT next_offset > $5::bigint AS applied FROM projection_offsets WHERE projection = $1 AND version = $2 AND topic = $3 AND partition = $4`,
      [version.projection, version.version, topic, partition, offset],
    );
    return row?.applied === true;
  }
}

/** The row batchStartStatement reads. */
export interface BatchStartRow {
  state: VersionState | null;
  next_offset: string | null;
}

/** Every batch of every projection version starts with it, sent with its transaction's BEGIN (AddProjectionBatchStartFunction says why a function). */
const LOCK_FOR_BATCH = `SELECT state, next_offset FROM projection_batch_start($1, $2, $3, $4)`;
