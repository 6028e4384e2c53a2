import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OpenID Connect sessions' tokens, shared by every console instance. A row is found by a hash
 * of the session's id (the id itself is only in the signed cookie), holds the tokens sealed
 * (AES-256-GCM, bound to that id) under one of CONSOLE_TOKEN_KEYS, and ends with the session cookie;
 * the index finds ended rows to delete.
 */
export class CreateSessionTokens1767600000000 implements MigrationInterface {
  name = 'CreateSessionTokens1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session_tokens (
        session_hash text PRIMARY KEY,
        key_id text NOT NULL,
        sealed text NOT NULL,
        ends_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX session_tokens_ends_at ON session_tokens (ends_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE session_tokens`);
  }
}
