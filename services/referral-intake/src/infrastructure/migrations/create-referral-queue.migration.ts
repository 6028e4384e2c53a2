import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The front door's queue (GET /v1/referrals): one row per referral, kept in the same transaction as
 * each append to the referral's stream (referralQueueList). Referrals already in the log get their
 * rows when the service starts (AggregateStore.catchUpLists), folded as every other write folds
 * them. Ids, codes, dates and flags only: no name or identifier (those stay sealed in the events).
 */
export class CreateReferralQueue1767600000000 implements MigrationInterface {
  name = 'CreateReferralQueue1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE referral_queue (
        referral_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        received_at timestamptz NOT NULL,
        referral_date date NOT NULL,
        source text NOT NULL,
        referrer_organisation_id text,
        school_urn text,
        status text NOT NULL,
        version integer NOT NULL,
        child_known boolean NOT NULL DEFAULT false,
        decided_at timestamptz,
        cin_referral boolean
      )`);
    // The queue's order (and its keyset), and a child's earlier referrals for the re-referral flag.
    await queryRunner.query(`CREATE INDEX referral_queue_order ON referral_queue (received_at, referral_id)`);
    await queryRunner.query(`CREATE INDEX referral_queue_by_child ON referral_queue (child_id, received_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE referral_queue`);
  }
}
