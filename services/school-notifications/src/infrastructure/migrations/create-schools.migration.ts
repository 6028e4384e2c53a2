import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schools that may be told about their pupils, and where their webhooks go. The signing secret is
 * shown to the school once and kept sealed (the service must sign with it, so it cannot be hashed).
 */
export class CreateSchools1765200000000 implements MigrationInterface {
  name = 'CreateSchools1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE schools (
        urn text PRIMARY KEY,
        name text NOT NULL,
        webhook_url text,
        secret_key_id text NOT NULL,
        secret_sealed text NOT NULL,
        secret_rotated_at timestamptz NOT NULL DEFAULT now(),
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE schools`);
  }
}
