import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  databaseUrl: string;
  /** Listed explicitly (not a glob) so the same list works under ts and compiled js. */
  migrations: MixedList<Function>;
  entities?: MixedList<Function>;
  applicationName: string;
}

/** Migrations only, never `synchronize`: the schema of an event-sourced service changes on purpose. */
export const serviceDataSourceOptions = ({
  databaseUrl,
  migrations,
  entities = [],
  applicationName,
}: ServiceDataSourceOptions): DataSourceOptions => ({
  type: 'postgres',
  url: databaseUrl,
  applicationName,
  entities,
  migrations,
  synchronize: false,
  migrationsRun: false,
  migrationsTransactionMode: 'each',
  // Fail a query rather than hang when the server stops answering.
  extra: { max: 10, connectionTimeoutMillis: 5000, keepAlive: true },
  // TypeORM would log a failed query with its parameters, which can be personal data; failures reach us as errors anyway.
  logging: false,
});

/** Brings a service's schema up to date; used by the start script and test set-up, not at service boot. */
export const runServiceMigrations = async (options: ServiceDataSourceOptions): Promise<string[]> => {
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
};
