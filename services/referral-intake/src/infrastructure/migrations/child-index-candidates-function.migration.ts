import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The child index's lookup in one round trip: lock the identity's keys, then read every description
 * of every candidate child. Two statements of one function rather than one statement, because the
 * read must see what a referral holding the lock committed before releasing it: in READ COMMITTED a
 * VOLATILE function takes a fresh snapshot for each statement, so the read's snapshot is taken after
 * the locks are held (a CTE would read with the snapshot its statement took before waiting). The keys
 * are blind indexes (hex of keyed hashes): nothing identifying reaches the database.
 */
export class ChildIndexCandidatesFunction1767700000000 implements MigrationInterface {
  name = 'ChildIndexCandidatesFunction1767700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION child_index_lock_and_find(lock_keys text[], nhs bytea, upn bytea, birth bytea, family_name bytea)
      RETURNS TABLE (referral_id uuid, child_id uuid, sealed_identity jsonb)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        -- In a fixed order, so that two referrals never wait on each other's locks.
        PERFORM pg_advisory_xact_lock(hashtext('child-index:' || ordered.key))
        FROM (SELECT unnest(lock_keys) AS key ORDER BY 1) AS ordered;
        RETURN QUERY
          SELECT i.referral_id, i.child_id, i.sealed_identity FROM child_identities i
          WHERE i.child_id IN (SELECT c.child_id FROM child_identities c
                               WHERE c.nhs_number_index = nhs OR c.upn_index = upn
                                  OR (c.birth_index = birth AND c.family_name_index = family_name));
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION child_index_lock_and_find(text[], bytea, bytea, bytea, bytea)`);
  }
}
