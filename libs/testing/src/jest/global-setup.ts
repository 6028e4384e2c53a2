import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { publishTestInfrastructure, startTestInfrastructure, type TestInfrastructure } from '../test-infrastructure';
import { clearTestLogs } from '../test-logs';

declare global {
  var __CSC_TEST_INFRASTRUCTURE__: TestInfrastructure | undefined;
}

/** Runs once before the integration and e2e suites; test files read the addresses from the environment. */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__CSC_TEST_INFRASTRUCTURE__) return; // int and e2e share one set-up in a combined run
  // scripts/test.sh runs jest twice and scans the logs of both runs: its second run keeps the first's.
  if (process.env.KEEP_TEST_LOGS !== 'true') clearTestLogs();
  const infrastructure = await startTestInfrastructure();
  globalThis.__CSC_TEST_INFRASTRUCTURE__ = infrastructure;
  publishTestInfrastructure(infrastructure);
  execFileSync(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '../broker-warm-up.cli.ts')], {
    env: { ...process.env, KAFKA_BROKERS: infrastructure.kafkaBrokers },
    stdio: 'inherit',
  });
  console.log(`\ntest infrastructure: ${infrastructure.describe} (Kafka ${infrastructure.kafkaBrokers})`);
}
