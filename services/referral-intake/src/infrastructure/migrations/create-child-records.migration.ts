import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What is open or closed about each child (referrals, cases, early help episodes, periods looked
 * after), from the services' events: when everything is closed, the retention period runs from the
 * last closure. Ids and dates only.
 */
export class CreateChildRecords1765100000001 implements MigrationInterface {
  name = 'CreateChildRecords1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE child_records (
        record text PRIMARY KEY,
        child_id uuid NOT NULL,
        kind text NOT NULL,
        opened_on date NOT NULL,
        closed_on date
      )`);
    await queryRunner.query(`CREATE INDEX child_records_by_child ON child_records (child_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE child_records`);
  }
}
