import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The child index without clear text: each referral's description of its child is sealed with the
 * child's key (`sealed_identity`), and found through blind indexes, keyed hashes of the normalised
 * NHS number, UPN, birth (born or expected, and its date) and family name. The old rows, which held
 * names and numbers in clear, are dropped, not converted: the index is derived from the referral
 * events, and the service rebuilds it from the log before its first use (AddChildIndexState). A
 * database dump now identifies no child.
 */
export class BlindChildIndex1767200000000 implements MigrationInterface {
  name = 'BlindChildIndex1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE child_identities`);
    await queryRunner.query(`
      CREATE TABLE child_identities (
        referral_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        nhs_number_index bytea,
        upn_index bytea,
        birth_index bytea NOT NULL,
        family_name_index bytea NOT NULL,
        sealed_identity jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX child_identities_by_child ON child_identities (child_id)`);
    await queryRunner.query(
      `CREATE INDEX child_identities_by_nhs ON child_identities (nhs_number_index) WHERE nhs_number_index IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX child_identities_by_upn ON child_identities (upn_index) WHERE upn_index IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX child_identities_by_birth_and_family ON child_identities (birth_index, family_name_index)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the clear-text shape, empty: the previous version rebuilds it with ChildIndex.rebuildFromEvents.
    await queryRunner.query(`DROP TABLE child_identities`);
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
  }
}
