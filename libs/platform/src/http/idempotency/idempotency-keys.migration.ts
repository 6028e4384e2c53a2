import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appRoleOf } from '../../database/database-url';

/**
 * Exactly what IdempotencyKeys does with a key: claim it (INSERT), read it back (SELECT), keep the
 * response (UPDATE). Never DELETE or TRUNCATE: a forgotten key would let a retry write twice.
 */
const grantExactly = async (queryRunner: QueryRunner, serviceName: string): Promise<void> => {
  const role = appRoleOf(serviceName);
  await queryRunner.query(`REVOKE ALL ON idempotency_keys FROM ${role}`);
  await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON idempotency_keys TO ${role}`);
};

/**
 * Responses to creating writes, by the caller's Idempotency-Key: a retry gets the first answer again.
 * For services that take keys; list it after the app role's migration (which it narrows the grant of).
 */
export const idempotencyKeysMigration = (serviceName: string): new () => MigrationInterface =>
  class CreateIdempotencyKeys1767300000000 implements MigrationInterface {
    name = 'CreateIdempotencyKeys1767300000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE idempotency_keys (
          caller text NOT NULL,
          key text NOT NULL,
          request_hash text NOT NULL,
          response_status integer,
          response_body jsonb,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (caller, key)
        )`);
      await grantExactly(queryRunner, serviceName);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE idempotency_keys`);
    }
  };

/**
 * For a service whose idempotency_keys table predates the app role (referral-intake): the role was
 * granted all it grants on every table; narrow it to what the keys need.
 */
export const idempotencyKeysGrantMigration = (serviceName: string): new () => MigrationInterface =>
  class NarrowIdempotencyKeysGrant1767300000001 implements MigrationInterface {
    name = 'NarrowIdempotencyKeysGrant1767300000001';

    async up(queryRunner: QueryRunner): Promise<void> {
      await grantExactly(queryRunner, serviceName);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`GRANT DELETE ON idempotency_keys TO ${appRoleOf(serviceName)}`);
    }
  };
