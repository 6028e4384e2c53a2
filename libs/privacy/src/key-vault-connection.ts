import { Pool } from 'pg';
import { MasterKeyRing } from './master-key-ring';
import { SubjectKeyVault } from './subject-key-vault';

/** For development and tests only: the configuration refuses it in production. */
export const LOCAL_DEVELOPMENT_MASTER_KEYS = 'local-dev-1:DvyS1E4ifQRbb7qgZR7GyDhQs0LWyo9m/JaPCv6Jahs=';

export const KEY_VAULT_DATABASE = 'csc_key_vault';

/** The local default: the vault database, reached as the service's own least-privileged role. */
export const defaultKeyVaultUrl = (serviceName: string): string =>
  `postgres://csc_${serviceName.replace(/-/g, '_')}_app@127.0.0.1:5432/${KEY_VAULT_DATABASE}`;

export interface KeyVaultSettings {
  url: string;
  masterKeys: string;
  currentMasterKeyId?: string;
  applicationName: string;
}

/** A vault on its own small pool, so key lookups never wait behind the service's own queries. */
export const connectKeyVault = (settings: KeyVaultSettings): { vault: SubjectKeyVault; close: () => Promise<void> } => {
  const pool = new Pool({
    connectionString: settings.url,
    application_name: settings.applicationName,
    max: 4,
    connectionTimeoutMillis: 5000,
  });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const vault = new SubjectKeyVault(pool, MasterKeyRing.fromConfiguration(settings.masterKeys, settings.currentMasterKeyId));
  return { vault, close: () => pool.end() };
};
