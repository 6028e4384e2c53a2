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

/** Public addresses, written as literals: this machine has no DNS, and a name is judged by what it resolves to. */
const SCHOOL_ENDPOINT = 'https://93.184.215.14/csc-webhook';
const ANOTHER_ENDPOINT = 'https://[2606:4700::1111]/hook';

/** Run as production would (WEBHOOK_ALLOW_LOCAL_ADDRESSES unset): https to public addresses only. */
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
      .send({ urn: '100001', name: 'Example Primary School', webhookUrl: SCHOOL_ENDPOINT });
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

  it('registers a school with no webhook yet, whether the field is left out or null', async () => {
    for (const [urn, webhook] of [
      ['100041', {}],
      ['100042', { webhookUrl: null }],
    ] as const) {
      const created = await request(service.url)
        .post('/v1/schools')
        .set('Authorization', await as('ADMIN'))
        .send({ urn, name: 'Example Infant School', ...webhook });
      expect(created.status).toBe(201);
      expect((await stored(urn)).webhook_url).toBeNull();
    }
  });

  it('lets the school, or an admin, set its webhook: a new secret each time', async () => {
    const before = await stored('100001');
    const changed = await request(service.url)
      .put('/v1/schools/100001/webhook')
      .set('Authorization', await as('SCHOOL'))
      .send({ url: ANOTHER_ENDPOINT });
    expect(changed.status).toBe(200);
    const after = await stored('100001');
    expect(after.webhook_url).toBe(ANOTHER_ENDPOINT);
    expect(after.secret_sealed).not.toBe(before.secret_sealed);

    const otherSchool = await request(service.url)
      .put('/v1/schools/100001/webhook')
      .set('Authorization', await as('SCHOOL', '100002'))
      .send({ url: SCHOOL_ENDPOINT });
    expect(otherSchool.status).toBe(403);
    const unknown = await request(service.url)
      .put('/v1/schools/100009/webhook')
      .set('Authorization', await as('ADMIN'))
      .send({ url: SCHOOL_ENDPOINT });
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

  // Server-side request forgery: a webhook may not point inside the authority's network, by address or by name.
  it.each([
    ['http://93.184.215.14/hook', 'webhookUrl: must be an https URL'],
    ['https://127.0.0.1/hook', 'webhookUrl: 127.0.0.1 is a loopback address, which a webhook may not reach'],
    ['https://2130706433/hook', 'webhookUrl: 127.0.0.1 is a loopback address'], // 127.0.0.1 spelled as a number
    ['https://[::1]/hook', 'webhookUrl: ::1 is a loopback address'],
    // Resolved as in production; a name inside and a name that does not resolve get the same answer (no DNS oracle).
    ['https://localhost/hook', 'webhookUrl: localhost must resolve to public addresses only, which a webhook may not reach otherwise'],
    ['https://10.0.0.5/hook', 'webhookUrl: 10.0.0.5 is a private address'],
    ['https://172.16.4.1/hook', 'webhookUrl: 172.16.4.1 is a private address'],
    ['https://192.168.1.10/hook', 'webhookUrl: 192.168.1.10 is a private address'],
    ['https://169.254.10.1/hook', 'webhookUrl: 169.254.10.1 is a link-local address'],
    ['https://[fe80::1]/hook', 'webhookUrl: fe80::1 is a link-local address'],
    ['https://100.64.0.1/hook', 'webhookUrl: 100.64.0.1 is a carrier-grade NAT (shared) address'],
    ['https://224.0.0.1/hook', 'webhookUrl: 224.0.0.1 is a multicast address'],
    ['https://0.0.0.0/hook', 'webhookUrl: 0.0.0.0 is the unspecified address'],
    ['https://255.255.255.255/hook', 'webhookUrl: 255.255.255.255 is the broadcast address'],
    ['https://[fd12:3456::1]/hook', 'webhookUrl: fd12:3456::1 is a unique-local address'],
    ['https://[::ffff:10.0.0.5]/hook', 'webhookUrl: ::ffff:a00:5 is a private address'], // IPv4-mapped
    ['https://169.254.169.254/latest/meta-data/', 'webhookUrl: 169.254.169.254 is a cloud metadata address'],
    ['https://[fd00:ec2::254]/hook', 'webhookUrl: fd00:ec2::254 is a cloud metadata address'],
    ['https://192.0.2.1/hook', 'webhookUrl: 192.0.2.1 is a reserved or special-purpose address'],
    ['https://school-endpoint.invalid/hook', 'webhookUrl: school-endpoint.invalid must resolve to public addresses only'],
  ])('refuses to register a webhook at %s, saying why, and stores nothing', async (webhookUrl, message) => {
    const response = await request(service.url)
      .post('/v1/schools')
      .set('Authorization', await as('ADMIN'))
      .send({ urn: '100004', name: 'Inside School', webhookUrl });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual([
      typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
    ]);
    expect(await stored('100004')).toBeUndefined();
  });

  it.each([
    ['http://93.184.215.14/hook', 'url: must be an https URL'],
    ['https://10.0.0.5/hook', 'url: 10.0.0.5 is a private address'],
    ['https://localhost:8999/hook', 'url: localhost must resolve to public addresses only'],
  ])('refuses to set a webhook at %s, and leaves the one there', async (url, message) => {
    const before = await stored('100001');
    const response = await request(service.url)
      .put('/v1/schools/100001/webhook')
      .set('Authorization', await as('SCHOOL'))
      .send({ url });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual([expect.stringContaining(message)]);
    expect(await stored('100001')).toEqual(before);
  });
});
