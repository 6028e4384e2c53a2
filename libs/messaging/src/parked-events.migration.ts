import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events a consumer group set aside because they wait for an earlier event (WaitingForEarlierEvent),
 * or queue behind one that does, so the rest of their partition goes on. A sequence is one message
 * key (the child) on one topic: Kafka orders a key's events within a topic, never across topics, and
 * the event awaited usually shares the key but travels on another topic, so it must not queue here.
 * The message is kept as it arrived so that, past its bound, it goes to the dead-letter topic unchanged.
 */
export class CreateParkedEvents1767400000000 implements MigrationInterface {
  name = 'CreateParkedEvents1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE parked_events (
        -- Parking order: a sequence is retried by ascending id, so a key's events keep their order.
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        topic text NOT NULL,
        sequence_key text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        message_key bytea,
        message_value bytea NOT NULL,
        -- Header name -> base64 values, so the dead letter carries them byte for byte.
        message_headers jsonb NOT NULL DEFAULT '{}',
        -- What it waits for (ids only: this text reaches logs and the dead-letter topic).
        reason text NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- A retrier's lease on the sequence's head: two instances never retry one sequence at once.
        claimed_until timestamptz,
        UNIQUE (consumer, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX parked_events_sequence ON parked_events (consumer, sequence_key, topic, id)`);
    await queryRunner.query(`CREATE INDEX parked_events_due ON parked_events (consumer, next_attempt_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE parked_events`);
  }
}
