import { Pool } from 'pg';
import { MasterKeyRing } from './master-key-ring';
import { SubjectKeyVault } from './subject-key-vault';

/** For development and tests only: the configuration refuses it in production. */
export const LOCAL_DEVELOPMENT_MASTER_KEYS = 'local-dev-1:DvyS1E4ifQRbb7qgZR7GyDhQs0LWyo9m/JaPCv6Jahs=';

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
