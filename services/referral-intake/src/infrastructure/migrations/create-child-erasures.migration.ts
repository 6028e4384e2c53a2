import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each erased child, once: who erased them, on what basis and why. The reason is the admin's own
 * words, kept here and never put on a topic. Rows are never changed or removed.
 */
export class CreateChildErasures1765100000000 implements MigrationInterface {
  name = 'CreateChildErasures1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE child_erasures (
        child_id uuid PRIMARY KEY,
        basis text NOT NULL,
        reason text NOT NULL,
        requested_by jsonb NOT NULL,
        keys_destroyed integer NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A record of an erasure is itself never altered or removed, whoever connects.
    await queryRunner.query(`
      CREATE FUNCTION child_erasures_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'child_erasures is append-only'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER child_erasures_are_final BEFORE UPDATE OR DELETE ON child_erasures FOR EACH ROW EXECUTE FUNCTION child_erasures_are_final()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE child_erasures`);
    await queryRunner.query(`DROP FUNCTION child_erasures_are_final`);
  }
}
