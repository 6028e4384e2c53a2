import request from 'supertest';
import type { Role } from '@csc/contracts';
import {
  createServiceTopics,
  createTestDatabase,
  startServiceUnderTest,
  testKafka,
  testToken,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { schoolNotificationsService } from '../../school-notifications.service-definition';
import { WebhookSecrets } from '../webhook-secrets';

describe('registering schools and their webhooks', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('schools'), suffix);
    database = await createTestDatabase('schools', schoolNotificationsService.migrations);
    service = await startServiceUnderTest(schoolNotificationsService, { databaseUrl: database.url, topicSuffix: suffix });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const as = async (role: Role, org = role === 'SCHOOL' ? '100001' : 'LA888') =>
    `Bearer ${await testToken({ sub: `${role.toLowerCase()}-1`, role, org })}`;
  const stored = async (urn: string) =>
    (await database.dataSource.query(`SELECT * FROM schools WHERE urn = $1`, [urn]))[0] as Record<string, string>;

  it('registers a school once, shows its secret once and keeps it only sealed', async () => {
    const created = await request(service.url)
      .post('/v1/schools')
      .set('Authorization', await as('ADMIN'))
      .send({ urn: '100001', name: 'Example Primary School', webhookUrl: 'https://school.example/csc-webhook' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ urn: '100001', webhookSecret: expect.stringMatching(/^[\w-]{43}$/) });
    const row = await stored('100001');
    expect(JSON.stringify(row)).not.toContain(created.body.webhookSecret);
    expect(service.app.get(WebhookSecrets).reveal('100001', { keyId: row.secret_key_id, sealed: row.secret_sealed })).toBe(
      created.body.webhookSecret,
    );

    const again = await request(service.url)
      .post('/v1/schools')
      .set('Authorization', await as('ADMIN'))
      .send({ urn: '100001', name: 'Again' });
    expect(again.status).toBe(409);
  });

  it('lets the school, or an admin, set its webhook: a new secret each time', async () => {
    const before = await stored('100001');
    const changed = await request(service.url)
      .put('/v1/schools/100001/webhook')
      .set('Authorization', await as('SCHOOL'))
      .send({ url: 'http://127.0.0.1:8999/hook' });
    expect(changed.status).toBe(200);
    const after = await stored('100001');
    expect(after.webhook_url).toBe('http://127.0.0.1:8999/hook');
    expect(after.secret_sealed).not.toBe(before.secret_sealed);

    const otherSchool = await request(service.url)
      .put('/v1/schools/100001/webhook')
      .set('Authorization', await as('SCHOOL', '100002'))
      .send({ url: 'https://elsewhere.example/hook' });
    expect(otherSchool.status).toBe(403);
    const unknown = await request(service.url)
      .put('/v1/schools/100009/webhook')
      .set('Authorization', await as('ADMIN'))
      .send({ url: 'https://school.example/hook' });
    expect(unknown.status).toBe(404);
  });

  it.each([
    [{ urn: '12345', name: 'X' }, 'urn'],
    [{ urn: '100003', name: '' }, 'name'],
    [{ urn: '100003', name: 'X', webhookUrl: 'http://school.example/hook' }, 'webhookUrl'],
    [{ urn: '100003', name: 'X', webhookUrl: 'https://user:pass@school.example/hook' }, 'webhookUrl'],
  ])('refuses %j naming %s, and stores nothing', async (body, field) => {
    const response = await request(service.url)
      .post('/v1/schools')
      .set('Authorization', await as('ADMIN'))
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.message.join(' ')).toContain(field);
    expect(await stored('100003')).toBeUndefined();
  });
});
