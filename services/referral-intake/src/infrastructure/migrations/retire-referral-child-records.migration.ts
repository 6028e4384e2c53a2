import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A referral's part in retention (open until decided) is read from its queue row from now on
 * (ChildRecords.closedChildren), no longer kept in child_records from this service's own topic read
 * back. The rows kept that way go: left, one whose decision had not been read back yet at the
 * upgrade would hold its child open for ever. The queue row has the same dates (referral_queue is
 * filled for every referral in the log when the service starts, AggregateStore.catchUpLists).
 */
export class RetireReferralChildRecords1769100000000 implements MigrationInterface {
  name = 'RetireReferralChildRecords1769100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM child_records WHERE kind = 'referral'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO child_records (record, child_id, kind, opened_on, closed_on)
      SELECT 'referral:' || referral_id, child_id, 'referral', referral_date, (decided_at AT TIME ZONE 'Europe/London')::date
      FROM referral_queue
      ON CONFLICT (record) DO NOTHING`);
  }
}
