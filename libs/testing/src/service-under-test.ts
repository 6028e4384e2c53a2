import type { INestApplication } from '@nestjs/common';
import type { ServiceDefinition } from '@csc/platform';
import { createServiceApp } from '@csc/platform';
import { asTestAppRole } from './app-role-url';
import { testEnvironment } from './test-environment';
import { ensureTestKeyVault, testKeyVaultUrl } from './test-key-vault';
import { mintToken, type AuthenticatedUser } from '@csc/auth';
import { testLogFile } from './test-logs';
import { testPrincipalEnvironment } from './test-kafka-principals';

export const TEST_JWT = { secret: 'test-secret-that-is-at-least-32-characters-long', issuer: 'csc-test', audience: 'csc-services' };

export interface ServiceUnderTest {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a service exactly as main.ts does (same module, pipes, filters, transport), on a free port,
 * against the test database and the test file's own topics (KAFKA_TOPIC_SUFFIX).
 */
export const startServiceUnderTest = async (
  definition: ServiceDefinition,
  {
    databaseUrl,
    topicSuffix,
    environment = {},
    kafkaPrincipal = definition.name,
  }: {
    databaseUrl: string;
    topicSuffix: string;
    environment?: Record<string, string>;
    /** On the secured broker: the principal it signs in as, its own unless it stands in for another (a test fixture). */
    kafkaPrincipal?: string;
  },
): Promise<ServiceUnderTest> => {
  await ensureTestKeyVault();
  // On the secured broker the service signs in as its own principal; like `environment`, for this service only.
  const ownSettings = { ...testPrincipalEnvironment(kafkaPrincipal), ...environment };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    KEY_VAULT_URL: testKeyVaultUrl(definition.name),
    // The owner's URL comes in (the test reaches into the database with it); the service runs as its app role.
    DATABASE_URL: await asTestAppRole(databaseUrl, definition.name),
    KAFKA_BROKERS: testEnvironment().kafkaBrokers,
    KAFKA_TOPIC_SUFFIX: topicSuffix,
    JWT_SECRET: TEST_JWT.secret,
    JWT_ISSUER: TEST_JWT.issuer,
    JWT_AUDIENCE: TEST_JWT.audience,
    // Info and above (requests, Nest's own lines, warnings, errors) go to the service's file, scanned for personal data after the run.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    LOG_FILE: testLogFile(definition.name),
    // Suites and benchmarks drive many requests from one address with a few tokens: limits out of their reach,
    // yet counted as in production (a rate-limit test sets its own).
    RATE_LIMIT_PER_SUBJECT: '1000000',
    RATE_LIMIT_PER_IP: '1000000',
    // A test's own settings (e.g. short webhook retries), for this service only.
    ...ownSettings,
  });
  let app: INestApplication;
  try {
    app = await createServiceApp(definition);
  } finally {
    for (const name of Object.keys(ownSettings)) delete process.env[name];
  }
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), stop: () => app.close() };
};

export const testToken = (user: AuthenticatedUser): Promise<string> => mintToken(user, TEST_JWT);
