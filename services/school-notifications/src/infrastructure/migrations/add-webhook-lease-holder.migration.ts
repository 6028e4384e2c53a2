import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Short, renewed delivery leases. A lease now says who holds it (`lease_holder`, one id per running
 * dispatcher), so a dispatcher renews only its own and notices when one it let lapse was taken over;
 * the index finds a school's live lease, which keeps every other dispatcher off that school's lane.
 */
export class AddWebhookLeaseHolder1767500000000 implements MigrationInterface {
  name = 'AddWebhookLeaseHolder1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_deliveries ADD COLUMN lease_holder uuid`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (school_urn) WHERE state = 'PENDING' AND leased_until IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX webhook_deliveries_leased`);
    await queryRunner.query(`ALTER TABLE webhook_deliveries DROP COLUMN lease_holder`);
  }
}
