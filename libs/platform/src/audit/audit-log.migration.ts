import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who read or changed which child's record, through which route, with what outcome: one row per
 * child record an HTTP request served or tried to. No bodies, no query strings, no names: ids only.
 * Append-only like the events: the trigger refuses UPDATE, DELETE and TRUNCATE whoever asks, and
 * the app role is granted only SELECT and INSERT (AppRoleMigration).
 */
export class CreateAuditLog1765000000000 implements MigrationInterface {
  name = 'CreateAuditLog1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_sub text NOT NULL,
        user_role text,
        user_org text,
        child_id uuid,
        resource_kind text NOT NULL,
        resource_id uuid,
        method text NOT NULL,
        route text NOT NULL,
        outcome smallint NOT NULL,
        request_id text,
        correlation_id uuid
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_by_child ON audit_log (child_id, id DESC) WHERE child_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX audit_log_by_user ON audit_log (user_sub, id DESC)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_never_truncated BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_is_append_only()`);
  }
}
