import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The caseload: one row per case, kept by the shared command path in each append's transaction
 * (case/list-cases/caseload.list.ts). It holds ids, codes and dates only, nothing personal. Due
 * dates are stored as dates and compared with today when read, so `overdue` is never stale.
 * Existing cases get their rows when the service starts (AggregateStore.catchUpLists folds each
 * stream without a row): a migration cannot fold, since the child's details in each CaseOpened are sealed.
 */
export class CreateCaseload1768000000000 implements MigrationInterface {
  name = 'CreateCaseload1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE caseload (
        case_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        referral_id uuid NOT NULL,
        stage text NOT NULL,
        opened_on date NOT NULL,
        next_due_what text,
        next_due_on date,
        version integer NOT NULL
      )`);
    // The list's order (soonest due first, nothing due last, then the id), so a page is one index range.
    await queryRunner.query(`CREATE INDEX caseload_by_next_due ON caseload (next_due_on ASC NULLS LAST, case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE caseload`);
  }
}
