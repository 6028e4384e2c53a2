import 'reflect-metadata';
import {
  defaultKeyVaultOwnerUrl,
  defaultOwnerDatabaseUrl,
  ensureDatabaseExists,
  runServiceMigrations,
  SUBJECT_KEY_VAULT_MIGRATIONS,
} from '@csc/platform';
import { consoleMigrations } from '../services/console/src/infrastructure/migrations';
import { ALL_SERVICES } from '../services/registry';

/**
 * Creates each service's database if missing and applies its migrations, as the database's owner
 * (the services themselves run as their app roles, which the last migration creates). A service's
 * owner URL can be given as <SERVICE>_DATABASE_URL (e.g. REFERRAL_INTAKE_DATABASE_URL, CONSOLE_DATABASE_URL); otherwise the local default.
 */
const main = async () => {
  for (const service of ALL_SERVICES) {
    const variable = `${service.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
    const databaseUrl = process.env[variable] ?? defaultOwnerDatabaseUrl(service.name);
    await ensureDatabaseExists(databaseUrl);
    const applied = await runServiceMigrations({ databaseUrl, migrations: service.migrations, applicationName: `${service.name}-migrate` });
    console.log(`${service.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
  }
  // The key vault: children's wrapped data keys, shared by the services that write personal data.
  const vaultUrl = process.env.KEY_VAULT_OWNER_URL ?? defaultKeyVaultOwnerUrl();
  await ensureDatabaseExists(vaultUrl);
  const applied = await runServiceMigrations({
    databaseUrl: vaultUrl,
    migrations: SUBJECT_KEY_VAULT_MIGRATIONS,
    applicationName: 'key-vault-migrate',
  });
  console.log(`key vault: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
  // The console's: OpenID Connect sessions' sealed tokens, shared by its instances (unused by the local sign-in).
  const consoleUrl = process.env.CONSOLE_DATABASE_URL ?? defaultOwnerDatabaseUrl('console');
  await ensureDatabaseExists(consoleUrl);
  const consoleApplied = await runServiceMigrations({
    databaseUrl: consoleUrl,
    migrations: consoleMigrations,
    applicationName: 'console-migrate',
  });
  console.log(`console: ${consoleApplied.length ? `applied ${consoleApplied.join(', ')}` : 'up to date'}`);
};

main().catch((error) => {
  console.error(`migrations failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
