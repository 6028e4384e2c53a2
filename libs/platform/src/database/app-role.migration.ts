import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appRoleOf } from './database-url';

/**
 * Tables the application may read and add to but never change: events are facts, and the audit
 * trail is the record of who saw what. Their triggers refuse changes too; this keeps the grant honest.
 */
export const APPEND_ONLY_TABLES = ['events', 'audit_log'];

/**
 * Creates a service's login role if it is missing. Roles belong to the whole server: databases migrating
 * at once (tests) race to create it; the loser sees duplicate_object, or unique_violation when both
 * passed the existence check.
 */
export const createLoginRole = (role: string): string => `
  DO $$ BEGIN
    CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`;

/**
 * The service's least-privilege login role (`csc_<service>_app`), listed LAST in every service's
 * migrations (TypeORM runs them in timestamp order: keep this one's the highest) so that it is granted
 * what the earlier ones created. Migrations run as the database's owner; the service runs as this
 * role: read and write its own tables, only add to append-only ones, never TRUNCATE, create, alter or
 * drop anything. Tables later migrations create are covered by the default privileges (an append-only
 * one must revoke UPDATE and DELETE itself).
 */
export const appRoleMigration = (serviceName: string): new () => MigrationInterface => {
  const role = appRoleOf(serviceName);
  if (!/^[a-z][a-z0-9_]*$/.test(role)) throw new Error(`app role name ${role} must be lower-case letters, digits and _`);

  return class CreateAppRole1765900000000 implements MigrationInterface {
    name = 'CreateAppRole1765900000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(createLoginRole(role));
      // Every role may connect to a new database by default; only this service's role may connect to this one.
      await queryRunner.query(`
        DO $$ BEGIN
          EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
          EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${role}', current_database());
        END $$`);
      await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
      await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
      await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`);
      // TypeORM's own bookkeeping: the service never migrates itself.
      const bookkeeping = await existing(queryRunner, ['migrations']);
      if (bookkeeping) await queryRunner.query(`REVOKE ALL ON ${bookkeeping} FROM ${role}`);
      const appendOnly = await existing(queryRunner, APPEND_ONLY_TABLES);
      if (appendOnly) await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${appendOnly} FROM ${role}`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      // The role stays: other databases on the server (other test runs, a restored copy) may still use it.
      await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${role}`);
      await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${role}`);
      await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
      await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
      await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${role}`);
      await queryRunner.query(`
        DO $$ BEGIN
          EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM ${role}', current_database());
          EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
        END $$`);
    }
  };
};

/** The given tables that exist in this database, as a comma-separated list (empty when none do). */
const existing = async (queryRunner: QueryRunner, tables: string[]): Promise<string> => {
  const rows: { name: string }[] = await queryRunner.query(
    `SELECT quote_ident(name) AS name FROM unnest($1::text[]) AS name WHERE to_regclass('public.' || quote_ident(name)) IS NOT NULL`,
    [tables],
  );
  return rows.map((row) => row.name).join(', ');
};
