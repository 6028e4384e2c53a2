// Global set-up runs outside jest's module mapping: no @csc/* imports here, only relative ones and packages.
import { Kafka, logLevel } from 'kafkajs';
import { warmUpBroker } from '../broker-warm-up';
import { startTestInfrastructure, type TestInfrastructure } from '../test-infrastructure';

declare global {
  var __CSC_TEST_INFRASTRUCTURE__: TestInfrastructure | undefined;
}

/** Runs once before the integration and e2e suites; test files read the addresses from the environment. */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__CSC_TEST_INFRASTRUCTURE__) return; // int and e2e share one set-up in a combined run
  const infrastructure = await startTestInfrastructure();
  globalThis.__CSC_TEST_INFRASTRUCTURE__ = infrastructure;
  process.env.CSC_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.CSC_TEST_POSTGRES_ADMIN_URL = infrastructure.postgresAdminUrl;
  await warmUpBroker(new Kafka({ clientId: 'test-warm-up', brokers: infrastructure.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }));
  console.log(`\ntest infrastructure: ${infrastructure.describe} (Kafka ${infrastructure.kafkaBrokers})`);
}
