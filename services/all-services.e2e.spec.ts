import request from 'supertest';
import {
  createServiceTopics,
  createTestDatabase,
  startServiceUnderTest,
  testKafka,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { ALL_SERVICES } from './registry';

describe.each(ALL_SERVICES.map((service) => [service.name, service] as const))('%s starts as it runs in production', (name, definition) => {
  let database: TestDatabase;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    const topicSuffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka(`${name}-e2e`), topicSuffix);
    database = await createTestDatabase(name, definition.migrations);
    service = await startServiceUnderTest(definition, { databaseUrl: database.url, topicSuffix });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('is ready: its database and the broker answer', async () => {
    const ready = await request(service.url).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
  });

  it('describes itself at /docs-json', async () => {
    const docs = await request(service.url).get('/docs-json').expect(200);
    expect(docs.body.info.title).toBe(definition.title);
  });
});
