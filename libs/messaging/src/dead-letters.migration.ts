import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a consumer group sent to a `.dlq` topic, and what an operator did with it. Kafka topics are
 * append-only, so this is where a dead letter is dealt with: replayed (re-delivered in-process to the
 * consumer that failed) or discarded, by whom, when and why. The message is kept as it arrived (as in
 * `parked_events`: payloads are sealed per child) so a replay needs no read of the `.dlq` topic.
 */
export class CreateDeadLetters1767500000000 implements MigrationInterface {
  name = 'CreateDeadLetters1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer text NOT NULL,
        topic text NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        -- Null when the message was not a valid envelope (nothing in it is trusted): such a letter cannot be replayed.
        event_id uuid,
        event_type text,
        message_key bytea,
        message_value bytea,
        message_headers jsonb NOT NULL DEFAULT '{}',
        -- A safe description (ids and types only): it reaches logs, headers and the API.
        error text NOT NULL,
        attempts int NOT NULL,
        dead_lettered_at timestamptz NOT NULL DEFAULT now(),
        -- PARKED until an operator deals with it: REPLAYED or DISCARDED.
        status text NOT NULL DEFAULT 'PARKED' CHECK (status IN ('PARKED', 'REPLAYED', 'DISCARDED')),
        resolved_by text,
        resolved_at timestamptz,
        resolution_note text,
        -- The last replay that failed (the letter stays PARKED).
        last_replay_error text,
        last_replay_at timestamptz,
        -- Sent again after a crash (at least once): one record.
        UNIQUE (consumer, topic, kafka_partition, kafka_offset)
      )`);
    await queryRunner.query(`CREATE INDEX dead_letters_open ON dead_letters (consumer, dead_lettered_at) WHERE status = 'PARKED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dead_letters`);
  }
}
