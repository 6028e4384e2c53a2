import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLoginRole } from '../database/app-role.migration';
import { appRoleOf } from '../database/database-url';
import { SUBJECT_KEYS_DESTROYED_CHANNEL } from '@csc/privacy';

/** Services that write personal data, and what each may do with the keys (least privilege). */
const KEY_USERS: { role: string; privileges: string }[] = [
  // Owns the child index and erasure: the only one that may destroy a key.
  { role: appRoleOf('referral-intake'), privileges: 'SELECT, INSERT, UPDATE' },
  { role: appRoleOf('case-progression'), privileges: 'SELECT, INSERT' },
  { role: appRoleOf('early-help'), privileges: 'SELECT, INSERT' },
];

/**
 * The key vault: one data key per child (or, for an early help request made before the child is
 * known, per episode), wrapped by a master key from configuration. Destroying a child's key
 * (wrapped_key NULL) erases every sealed subject about the child, wherever a copy of it lies.
 * Analytics and school notifications have no access at all; statutory-returns may only read
 * (GrantKeyReadingToStatutoryReturns).
 */
export class CreateSubjectKeys1764000000000 implements MigrationInterface {
  name = 'CreateSubjectKeys1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE subject_keys (
        kid uuid PRIMARY KEY,
        -- child:<id> or stream:<id>; one key per owner
        owner text NOT NULL UNIQUE,
        -- the child whose erasure destroys this key (a stream's key gains one when its child is known)
        child_id uuid,
        master_key_id text NOT NULL,
        wrapped_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CONSTRAINT destroyed_keys_hold_nothing CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX subject_keys_by_child ON subject_keys (child_id) WHERE child_id IS NOT NULL`);
    // A destroyed key never comes back: no update may give a destroyed row a key again.
    await queryRunner.query(`
      CREATE FUNCTION subject_keys_stay_destroyed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.destroyed_at IS NOT NULL THEN RAISE EXCEPTION 'subject key % was destroyed and cannot be restored', OLD.kid; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER subject_keys_stay_destroyed BEFORE UPDATE ON subject_keys FOR EACH ROW EXECUTE FUNCTION subject_keys_stay_destroyed()`,
    );
    for (const { role, privileges } of KEY_USERS) {
      await queryRunner.query(createLoginRole(role));
      await queryRunner.query(`GRANT CONNECT ON DATABASE "${await currentDatabase(queryRunner)}" TO ${role}`);
      await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await queryRunner.query(`GRANT ${privileges} ON subject_keys TO ${role}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE subject_keys`);
    await queryRunner.query(`DROP FUNCTION subject_keys_stay_destroyed`);
  }
}

/**
 * statutory-returns states children's details in the returns it makes, so it opens subjects; it
 * never seals, so it never makes a key, and only referral-intake destroys one: it may only read.
 */
export class GrantKeyReadingToStatutoryReturns1767000000000 implements MigrationInterface {
  name = 'GrantKeyReadingToStatutoryReturns1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const role = appRoleOf('statutory-returns');
    await queryRunner.query(createLoginRole(role));
    await queryRunner.query(`GRANT CONNECT ON DATABASE "${await currentDatabase(queryRunner)}" TO ${role}`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    // Only what opening needs: whose key it is (owner, child) is none of its business.
    await queryRunner.query(`GRANT SELECT (kid, master_key_id, wrapped_key) ON subject_keys TO ${role}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON subject_keys FROM ${appRoleOf('statutory-returns')}`);
  }
}

/**
 * Every process that caches unwrapped keys (each instance of each service) LISTENs on
 * `subject_keys_destroyed` and drops the key named in the payload (a kid: no personal data) the
 * moment an erasure's transaction commits, so no instance opens an erased child's data from its cache.
 */
export class NotifyDestroyedSubjectKeys1767300000000 implements MigrationInterface {
  name = 'NotifyDestroyedSubjectKeys1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION subject_keys_notify_destroyed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${SUBJECT_KEYS_DESTROYED_CHANNEL}', NEW.kid::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER subject_keys_notify_destroyed AFTER UPDATE OF destroyed_at ON subject_keys FOR EACH ROW
      WHEN (OLD.destroyed_at IS NULL AND NEW.destroyed_at IS NOT NULL) EXECUTE FUNCTION subject_keys_notify_destroyed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER subject_keys_notify_destroyed ON subject_keys`);
    await queryRunner.query(`DROP FUNCTION subject_keys_notify_destroyed`);
  }
}

const currentDatabase = async (queryRunner: QueryRunner): Promise<string> =>
  (await queryRunner.query(`SELECT current_database() AS name`))[0].name;

export const SUBJECT_KEY_VAULT_MIGRATIONS = [
  CreateSubjectKeys1764000000000,
  GrantKeyReadingToStatutoryReturns1767000000000,
  NotifyDestroyedSubjectKeys1767300000000,
];

/** The local default for migrating and rotating: the vault database, as its owner. */
export const defaultKeyVaultOwnerUrl = (): string => 'postgres://postgres@127.0.0.1:5432/csc_key_vault';
