import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Responses to creating writes, by the caller's Idempotency-Key: a retry gets the first answer again. */
export class CreateIdempotencyKeys1763900000001 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1763900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        caller text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
