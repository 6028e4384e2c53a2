import { Client } from 'pg';
import { asAppRole, runServiceMigrations, SUBJECT_KEY_VAULT_MIGRATIONS } from '@csc/platform';
import { connectKeyVault, LOCAL_DEVELOPMENT_MASTER_KEYS, SubjectProtection, type SubjectKeyVault } from '@csc/privacy';
import { testEnvironment } from './test-environment';

const TEST_KEY_VAULT_DATABASE = 'csc_test_key_vault';

const testKeyVaultOwnerUrl = (): string => {
  const url = new URL(testEnvironment().postgresAdminUrl);
  url.pathname = `/${TEST_KEY_VAULT_DATABASE}`;
  return url.toString();
};

let ready: Promise<void> | undefined;

/**
 * The key vault every service of a test run shares, as services of one deployment do: created and
 * migrated once (under an advisory lock, as test runs may overlap); children's keys are random, so
 * files never meet each other's.
 */
export const ensureTestKeyVault = (): Promise<void> => (ready ??= createTestKeyVault());

const createTestKeyVault = async (): Promise<void> => {
  const admin = new Client({ connectionString: testEnvironment().postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext('csc-test-key-vault'))`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEST_KEY_VAULT_DATABASE]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${TEST_KEY_VAULT_DATABASE}`);
    await runServiceMigrations({
      databaseUrl: testKeyVaultOwnerUrl(),
      migrations: SUBJECT_KEY_VAULT_MIGRATIONS,
      applicationName: 'test-key-vault',
    });
  } finally {
    await admin.end();
  }
};

/** Where a service under test finds the vault: as its own least-privileged role. */
export const testKeyVaultUrl = (serviceName: string): string => asAppRole(testKeyVaultOwnerUrl(), serviceName);

/** The test's own view of the vault (as its owner), to open what a topic carries or check what erasure destroyed. */
export const testSubjectProtection = async (): Promise<{
  subjects: SubjectProtection;
  vault: SubjectKeyVault;
  close: () => Promise<void>;
}> => {
  await ensureTestKeyVault();
  const { vault, close } = connectKeyVault({
    url: testKeyVaultOwnerUrl(),
    masterKeys: LOCAL_DEVELOPMENT_MASTER_KEYS,
    applicationName: 'test-key-vault',
  });
  return { subjects: new SubjectProtection(vault), vault, close };
};
