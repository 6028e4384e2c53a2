import type { INestApplication } from '@nestjs/common';
import type { ServiceDefinition } from '@csc/platform';
import { createServiceApp } from '@csc/platform';
import { ensureTestKeyVault } from './test-key-vault';
import { mintToken, type AuthenticatedUser } from '@csc/auth';
import { testPrincipalEnvironment } from './test-kafka-principals';
import { TEST_JWT, testServiceEnvironment } from './test-service-environment';

export { TEST_JWT } from './test-service-environment';

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
    untilReady = true,
  }: {
    databaseUrl: string;
    topicSuffix: string;
    environment?: Record<string, string>;
    /** On the secured broker: the principal it signs in as, its own unless it stands in for another (a test fixture). */
    kafkaPrincipal?: string;
    /** Returns once /health/ready answers 200 (its consumers have joined, as a test usually needs); false: once it listens. */
    untilReady?: boolean;
  },
): Promise<ServiceUnderTest> => {
  await ensureTestKeyVault();
  // On the secured broker the service signs in as its own principal; like `environment`, for this service only.
  const ownSettings = { ...testPrincipalEnvironment(kafkaPrincipal), ...environment };
  Object.assign(process.env, {
    ...(await testServiceEnvironment(definition.name, { databaseUrl, topicSuffix })),
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
  const url = await app.getUrl();
  if (untilReady) await waitUntilReady(definition.name, url, app);
  // Once only: a test may stop a service itself (to restart it) before the harness stops everything.
  let stopping: Promise<void> | null = null;
  return { app, url, stop: () => (stopping ??= app.close()) };
};

/** The consumers join in the background (libs/platform bootstrap.ts): readiness says when they have. */
const waitUntilReady = async (name: string, url: string, app: INestApplication): Promise<void> => {
  let last = '';
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    const response = await fetch(`${url}/health/ready`);
    if (response.ok) return;
    last = await response.text();
    await new Promise((done) => setTimeout(done, 100));
  }
  await app.close();
  throw new Error(`${name} did not become ready: ${last}`);
};

export const testToken = (user: AuthenticatedUser): Promise<string> => mintToken(user, TEST_JWT);
