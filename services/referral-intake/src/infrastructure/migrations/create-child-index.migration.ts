import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The child index: how each referral described its child, and which child it was resolved to.
 * One row per referral (not per child), so every spelling a referrer used stays matchable.
 * Derived from the referral events: rebuildable if lost (ChildIndex.rebuildFromEvents).
 */
export class CreateChildIndex1763900000000 implements MigrationInterface {
  name = 'CreateChildIndex1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE child_identities (
        referral_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        unborn boolean NOT NULL,
        sex text NOT NULL,
        nhs_number text,
        upn text,
        postcode_district text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX child_identities_by_child ON child_identities (child_id)`);
    await queryRunner.query(`CREATE INDEX child_identities_by_nhs ON child_identities (nhs_number) WHERE nhs_number IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX child_identities_by_upn ON child_identities (upn) WHERE upn IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX child_identities_by_birth ON child_identities (date_of_birth, unborn)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE child_identities`);
  }
}
