import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which key the child index was last built with, as a keyed hash of a constant: none yet after the
 * migration to blind indexes, and another one after CHILD_INDEX_KEY changes. Either way the service
 * rebuilds the index from the log before it first uses it (ChildIndex). A table of its own, not a
 * change to BlindChildIndex: that one has already run on databases that must still get this.
 */
export class AddChildIndexState1767200000001 implements MigrationInterface {
  name = 'AddChildIndexState1767200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE child_index_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        key_fingerprint bytea NOT NULL,
        rebuilt_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE child_index_state`);
  }
}
