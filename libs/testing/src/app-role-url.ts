import { Client } from 'pg';
import { appRoleOf, asAppRole } from '@csc/platform';

/**
 * The test database as the service's app role, the way the service runs in production (the
 * migrations made the role). Where the server wants passwords (Testcontainers) the role is given
 * the owner's; the project's own PostgreSQL trusts local connections and needs none.
 */
export const asTestAppRole = async (ownerUrl: string, serviceName: string): Promise<string> => {
  const password = decodeURIComponent(new URL(ownerUrl).password);
  if (password) await givePassword(ownerUrl, appRoleOf(serviceName), password);
  return asAppRole(ownerUrl, serviceName);
};

const givePassword = async (ownerUrl: string, role: string, password: string, attempt = 1): Promise<void> => {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${role} PASSWORD ${client.escapeLiteral(password)}`);
  } catch (error) {
    // Test files start services at once and roles are server-wide: "tuple concurrently updated".
    if ((error as { code?: string }).code !== 'XX000' || attempt >= 5) throw error;
    await givePassword(ownerUrl, role, password, attempt + 1);
  } finally {
    await client.end();
  }
};
