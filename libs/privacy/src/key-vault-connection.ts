import { Pool } from 'pg';
import { KeyDestructionListener } from './key-destruction-listener';
import { MasterKeyRing } from './master-key-ring';
import { SubjectKeyVault, type KeyVaultObserver } from './subject-key-vault';

/** For development and tests only: the configuration refuses it in production. */
export const LOCAL_DEVELOPMENT_MASTER_KEYS = 'local-dev-1:DvyS1E4ifQRbb7qgZR7GyDhQs0LWyo9m/JaPCv6Jahs=';

export interface KeyVaultSettings {
  url: string;
  masterKeys: string;
  currentMasterKeyId?: string;
  applicationName: string;
  /** Told each operation (the platform's /metrics). */
  observe?: KeyVaultObserver;
}

/**
 * A vault on its own small pool, so key lookups never wait behind the service's own queries, with a
 * listener that drops keys destroyed by any instance from this process's cache (start it with `listen`).
 */
export const connectKeyVault = (
  settings: KeyVaultSettings,
  logger: { warn(message: string): void } = console,
): { vault: SubjectKeyVault; listen: () => Promise<void>; close: () => Promise<void> } => {
  const pool = new Pool({
    connectionString: settings.url,
    application_name: settings.applicationName,
    max: 4,
    connectionTimeoutMillis: 5000,
  });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const vault = new SubjectKeyVault(
    pool,
    MasterKeyRing.fromConfiguration(settings.masterKeys, settings.currentMasterKeyId),
    undefined,
    settings.observe,
  );
  const listener = new KeyDestructionListener(settings.url, settings.applicationName, vault, logger);
  return {
    vault,
    listen: () => listener.start(),
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
};
