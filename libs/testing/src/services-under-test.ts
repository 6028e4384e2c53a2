import type { Kafka } from 'kafkajs';
import type { MixedList } from 'typeorm';
import type { ServiceDefinition } from '@csc/platform';
import { createTestDatabase, type TestDatabase } from './test-database';
import { createServiceTopics, testKafka, uniqueTopicSuffix } from './test-kafka';
import { startServiceUnderTest, type ServiceUnderTest } from './service-under-test';

export interface ServicesUnderTest {
  kafka: Kafka;
  /** The topics' suffix all of them share, as services of one deployment share topics. */
  topicSuffix: string;
  /** Each service's first instance. */
  services: Record<string, ServiceUnderTest>;
  /** Every instance of each service (one unless `instances` asked for more): one database, one consumer group between them. */
  instances: Record<string, ServiceUnderTest[]>;
  databases: Record<string, TestDatabase>;
  stop(): Promise<void>;
}

/**
 * Several services as they run together: one database each, the test's own topics shared by all.
 * Keyed by service name; `environment` adds settings for one service by name; `instances` runs each
 * service that many times, as a deployment scaled out does (the same database, groups and topics).
 */
export const startServices = async (
  label: string,
  definitions: (ServiceDefinition & { migrations: MixedList<Function> })[],
  environment: Record<string, Record<string, string>> = {},
  { instances = 1 }: { instances?: number } = {},
): Promise<ServicesUnderTest> => {
  const kafka = testKafka(label);
  const topicSuffix = uniqueTopicSuffix();
  await createServiceTopics(kafka, topicSuffix);
  const running: ServicesUnderTest = {
    kafka,
    topicSuffix,
    services: {},
    instances: {},
    databases: {},
    stop: async () => {
      // A test may have put a restarted service in `services`: every one it knows of, each stopped once.
      for (const service of new Set([...Object.values(running.services), ...Object.values(running.instances).flat()])) await service.stop();
      for (const database of Object.values(running.databases)) await database.drop();
    },
  };
  for (const definition of definitions) {
    const database = await createTestDatabase(`${label}_${definition.name}`, definition.migrations);
    running.databases[definition.name] = database;
    running.instances[definition.name] = [];
    for (let instance = 0; instance < instances; instance += 1) {
      running.instances[definition.name].push(
        await startServiceUnderTest(definition, { databaseUrl: database.url, topicSuffix, environment: environment[definition.name] }),
      );
    }
    running.services[definition.name] = running.instances[definition.name][0];
  }
  return running;
};
