import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the service knows to decide who may be told (each referral's coarse facts: who referred,
 * the school on the roll, consent) and every notification, one row per school, in the order each
 * school's inbox shows them. No personal data: ids, codes, dates and the policy's summaries.
 */
export class CreateNotifications1765200000001 implements MigrationInterface {
  name = 'CreateNotifications1765200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE referral_facts (
        referral_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        source text NOT NULL,
        referrer_organisation_id text,
        school_urn text,
        consent_given boolean NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX referral_facts_by_child ON referral_facts (child_id)`);
    await queryRunner.query(`
      CREATE TABLE notifications (
        position bigserial UNIQUE,
        notification_id uuid PRIMARY KEY,
        school_urn text NOT NULL,
        child_id uuid NOT NULL,
        referral_id uuid,
        type text NOT NULL,
        summary text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source_event_id uuid NOT NULL,
        UNIQUE (source_event_id, school_urn)
      )`);
    await queryRunner.query(`CREATE INDEX notifications_inbox ON notifications (school_urn, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notifications`);
    await queryRunner.query(`DROP TABLE referral_facts`);
  }
}
