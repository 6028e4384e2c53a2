import request from 'supertest';
import { eventTypesOn, deadLetterTopicOf, ownTopicOf, topicsConsumedBy, type AsyncApiDocument, type ServiceName } from '@csc/contracts';
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

  it('serves its part of the event catalogue at /asyncapi.json, without a token: its topic, or the topics it consumes', async () => {
    const { body } = await request(service.url).get('/asyncapi.json').expect(200);
    const catalogue = body as AsyncApiDocument;
    const own = ownTopicOf(name as ServiceName);
    const topics = own ? [own] : topicsConsumedBy(name as ServiceName);
    expect(catalogue.asyncapi).toBe('3.0.0');
    expect(
      Object.values(catalogue.channels)
        .map(({ address }) => address)
        .sort(),
    ).toEqual(topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]).sort());
    const eventTypes = new Set(Object.values(catalogue.components.messages).map((message) => message['x-event-type']));
    expect([...eventTypes].sort()).toEqual(topics.flatMap(eventTypesOn).sort());
  });
});
