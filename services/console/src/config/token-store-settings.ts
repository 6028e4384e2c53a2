import { defaultDatabaseUrl } from '@csc/platform';
import { MasterKeyRing } from '@csc/privacy';

/** For development and tests only: a production console with OpenID Connect refuses it. */
export const LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS = 'local-dev-1:G6ul61ePqc5kGwhEWYM7LEyfik/SiUvLJhukdT8ew00=';

/** Where the signed-in sessions' tokens are kept (PostgreSQL, shared by every console instance) and the keys that seal them. */
export interface TokenStoreSettings {
  /** The console's database as its app role (csc_console_app), as DATABASE_URL names it for a service. */
  databaseUrl: string;
  /** `id:base64key` pairs (32-byte AES-256-GCM keys), the first sealing new tokens: rotated as SUBJECT_MASTER_KEYS are. */
  keys: string;
}

/**
 * DATABASE_URL and CONSOLE_TOKEN_KEYS, needed only with OpenID Connect (the local sign-in keeps no
 * tokens). The keys are checked at start, and a production console must have keys of its own: the
 * database alone, or a copy of it, must open no one's tokens.
 */
export const tokenStoreSettingsFrom = (env: NodeJS.ProcessEnv, production: boolean): TokenStoreSettings => {
  const keys = env.CONSOLE_TOKEN_KEYS ?? '';
  if (production && (!keys || keys.includes(LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS)))
    throw new Error('CONSOLE_TOKEN_KEYS: keys of its own are required in production with OIDC_ISSUER_URL (id:base64key, comma-separated)');
  try {
    MasterKeyRing.fromConfiguration(keys || LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS);
  } catch (error) {
    // The key ring's own words name the children's keys: these are the console's.
    throw new Error(`CONSOLE_TOKEN_KEYS: ${(error as Error).message.replace(/^SUBJECT_MASTER_KEYS: /, '')} (id:base64key, 32-byte keys)`);
  }
  return { databaseUrl: env.DATABASE_URL || defaultDatabaseUrl('console'), keys: keys || LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS };
};
