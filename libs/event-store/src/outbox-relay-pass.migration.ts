import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The start of an outbox relay's pass in one round trip: take the relay's advisory lock, then read
 * its checkpoint and the gap-safe global log after it (readGlobalLogAfter's read). Two statements of
 * one function rather than one statement, because the read must see the checkpoint that the lock's
 * last holder committed before releasing it: in READ COMMITTED a VOLATILE function takes a fresh
 * snapshot for each statement, so the read's snapshot is taken after the lock is held (a CTE would
 * read with the snapshot its statement took before the lock, and republish what the last holder did).
 *
 * No rows: another instance holds the lock. Otherwise one row per event, each with the checkpoint,
 * or a single row of the checkpoint with null event columns when nothing is waiting.
 */
export class AddOutboxRelayPassFunction1768100000000 implements MigrationInterface {
  name = 'AddOutboxRelayPassFunction1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION outbox_relay_pass_start(relay_name text, batch_limit int)
      RETURNS TABLE (
        checkpoint_transaction_id text, checkpoint_position text,
        global_position bigint, stream_id text, stream_version integer, event_id uuid, type text,
        schema_version integer, child_id uuid, correlation_id uuid, causation_id uuid, actor jsonb, data jsonb,
        traceparent text, occurred_at timestamptz, recorded_at timestamptz, transaction_id text)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('outbox-relay:' || relay_name)) THEN
          RETURN;
        END IF;
        RETURN QUERY
          SELECT c.last_transaction_id::text, c.last_position::text,
                 e.global_position, e.stream_id, e.stream_version, e.event_id, e.type, e.schema_version, e.child_id,
                 e.correlation_id, e.causation_id, e.actor, e.data, e.traceparent, e.occurred_at, e.recorded_at,
                 e.transaction_id::text
          FROM outbox_checkpoints c
          LEFT JOIN LATERAL (
            SELECT * FROM events
            WHERE (events.transaction_id, events.global_position) > (c.last_transaction_id, c.last_position)
              AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.transaction_id, events.global_position
            LIMIT batch_limit
          ) e ON true
          WHERE c.relay = relay_name
          ORDER BY e.transaction_id, e.global_position;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION outbox_relay_pass_start(text, int)`);
  }
}
