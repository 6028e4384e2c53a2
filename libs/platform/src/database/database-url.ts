import { Client } from 'pg';

/**
 * The role a service runs as: it owns nothing, may not create or drop anything, and may only add
 * to its append-only tables (created by the service's last migration, AppRoleMigration).
 */
export const appRoleOf = (serviceName: string): string => `csc_${serviceName.replace(/-/g, '_')}_app`;

/** The same database as `databaseUrl` (the owner's, which migrations use), reached as the service's app role. */
export const asAppRole = (databaseUrl: string, serviceName: string): string => {
  const url = new URL(databaseUrl);
  url.username = appRoleOf(serviceName);
  return url.toString();
};

/** The local default for migrations: one database per service on the machine's PostgreSQL, owned by postgres. */
export const defaultOwnerDatabaseUrl = (serviceName: string): string =>
  `postgres://postgres@127.0.0.1:5432/csc_${serviceName.replace(/-/g, '_')}`;

/** The local default for a running service: its database, as its app role (never the superuser). */
export const defaultDatabaseUrl = (serviceName: string): string => asAppRole(defaultOwnerDatabaseUrl(serviceName), serviceName);

/** Creates the service's database when it is missing (local and test machines; production provisions its own). */
export const ensureDatabaseExists = async (databaseUrl: string): Promise<void> => {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name} must be lower-case letters, digits and _`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
};
