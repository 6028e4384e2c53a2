import { asTestAppRole, createTestDatabase, type TestDatabase } from '@csc/testing';
import { consoleMigrations } from '../src/infrastructure/migrations';

/** A console database of the test's own, migrated as `npm run db:migrate` does, and its URL as the console's app role. */
export const createConsoleTestDatabase = async (label: string): Promise<TestDatabase & { appRoleUrl: string }> => {
  const database = await createTestDatabase(`console_${label}`, consoleMigrations);
  return { ...database, appRoleUrl: await asTestAppRole(database.url, 'console') };
};
