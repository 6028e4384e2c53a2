import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import { serviceDataSourceOptions } from '@csc/platform';
import { testEnvironment } from './test-environment';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A database of the test file's own, migrated as the service's would be, dropped at the end. */
export const createTestDatabase = async (label: string, migrations: MixedList<Function>): Promise<TestDatabase> => {
  const { postgresAdminUrl } = testEnvironment();
  const name = `csc_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(postgresAdminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(
    serviceDataSourceOptions({ databaseUrl: url.toString(), migrations, applicationName: `test-${label}` }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(postgresAdminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};

const adminQuery = async (adminUrl: string, sql: string): Promise<void> => {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};
