import { asTestAppRole } from './app-role-url';
import { testEnvironment } from './test-environment';
import { testKeyVaultUrl } from './test-key-vault';
import { testLogFile } from './test-logs';

export const TEST_JWT = { secret: 'test-secret-that-is-at-least-32-characters-long', issuer: 'csc-test', audience: 'csc-services' };

/**
 * The settings a service runs with in a test, in the test's process or in its own: its app role on
 * the test's database, the test key vault, the test's topics, test tokens, its own log file. The
 * caller adds the service's Kafka principal and the test's own settings on top.
 */
export const testServiceEnvironment = async (
  name: string,
  { databaseUrl, topicSuffix, kafkaBrokers }: { databaseUrl: string; topicSuffix: string; kafkaBrokers?: string },
): Promise<Record<string, string>> => ({
  NODE_ENV: 'test',
  KEY_VAULT_URL: testKeyVaultUrl(name),
  // The owner's URL comes in (the test reaches into the database with it); the service runs as its app role.
  DATABASE_URL: await asTestAppRole(databaseUrl, name),
  KAFKA_BROKERS: kafkaBrokers ?? testEnvironment().kafkaBrokers,
  KAFKA_TOPIC_SUFFIX: topicSuffix,
  JWT_SECRET: TEST_JWT.secret,
  JWT_ISSUER: TEST_JWT.issuer,
  JWT_AUDIENCE: TEST_JWT.audience,
  // Info and above (requests, Nest's own lines, warnings, errors) go to the service's file, scanned for personal data after the run.
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
  LOG_FILE: testLogFile(name),
  // Suites and benchmarks drive many requests from one address with a few tokens: limits out of their reach,
  // yet counted as in production (a rate-limit test sets its own).
  RATE_LIMIT_PER_SUBJECT: '1000000',
  RATE_LIMIT_PER_IP: '1000000',
});
