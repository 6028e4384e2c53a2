import type { NestExpressApplication } from '@nestjs/platform-express';
import { TEST_JWT, testLogFile } from '@csc/testing';
import { SERVICE_URL_SETTINGS } from '../src/config/console-settings';
import { createConsoleApp } from '../src/console-app';

/** The env var naming a service's URL (REFERRAL_INTAKE_URL, ...): a test passes those of the services it started. */
type ServiceUrlSetting = (typeof SERVICE_URL_SETTINGS)[keyof typeof SERVICE_URL_SETTINGS][0];

export interface ConsoleUnderTest {
  app: NestExpressApplication;
  url: string;
  stop(): Promise<void>;
}

/** The console as main.ts builds it, on a free port, calling the services at the URLs given and signing tokens as the tests' services verify them. */
export const startConsoleUnderTest = async (
  serviceUrls: Partial<Record<ServiceUrlSetting, string>>,
  /** A test's own settings on top (OIDC_*), and a port when they must name the console's URL before it starts. */
  { environment = {}, port = 0 }: { environment?: Record<string, string>; port?: number } = {},
): Promise<ConsoleUnderTest> => {
  const settings: Record<string, string> = {
    ...(serviceUrls as Record<string, string>),
    JWT_SECRET: TEST_JWT.secret,
    JWT_ISSUER: TEST_JWT.issuer,
    JWT_AUDIENCE: TEST_JWT.audience,
    // Scanned for personal data after the run, as the services' logs are.
    LOG_FILE: testLogFile('console'),
    ...environment,
  };
  Object.assign(process.env, settings);
  let app: NestExpressApplication;
  try {
    app = await createConsoleApp();
  } finally {
    for (const name of Object.keys(settings)) delete process.env[name];
  }
  await app.listen(port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, stop: () => app.close() };
};
