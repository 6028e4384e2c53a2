import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `events` table is both the event store and the outbox (docs/architecture.md). `transaction_id`
 * is the writing transaction's xid8, which lets the relay read the global log without skipping an
 * event whose transaction commits late. Each service lists this migration first in its own set.
 */
export class CreateEventStore1763800000000 implements MigrationInterface {
  name = 'CreateEventStore1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 1),
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version integer NOT NULL CHECK (schema_version >= 1),
        child_id uuid,
        correlation_id uuid NOT NULL,
        causation_id uuid,
        actor jsonb NOT NULL,
        data jsonb NOT NULL,
        traceparent text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await queryRunner.query(`CREATE INDEX events_global_order ON events (transaction_id, global_position)`);
    await queryRunner.query(`CREATE INDEX events_by_child ON events (child_id) WHERE child_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE outbox_checkpoints (
        relay text PRIMARY KEY,
        last_transaction_id xid8 NOT NULL DEFAULT '0',
        last_position bigint NOT NULL DEFAULT 0,
        published_count bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Events are facts: the application may add them, never change or remove them.
    await queryRunner.query(`
      CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_are_immutable()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox_checkpoints`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`DROP FUNCTION events_are_immutable()`);
  }
}
