import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@csc/contracts';
import { startServices, testToken, type ServiceUnderTest, type ServicesUnderTest, type TestDatabase } from '@csc/testing';
import { schoolNotificationsService } from '../../school-notifications.service-definition';

/**
 * docs/http-api.md: registering a school takes an Idempotency-Key (same key and body: the first response, its
 * secret included, again; another body: 422); setting its webhook takes If-Match (stale: 409 with the
 * current version). Nothing is written on a 4xx.
 */
describe('retrying a school registration, and setting a webhook on a stale version', () => {
  let running: ServicesUnderTest;
  let database: TestDatabase;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    running = await startServices('schools_retries', [schoolNotificationsService]);
    service = running.services[schoolNotificationsService.name];
    database = running.databases[schoolNotificationsService.name];
  });
  afterAll(() => running?.stop());

  const send = async (method: 'post' | 'put', path: string, body: object, role: Role, headers: Record<string, string> = {}) => {
    const token = await testToken({ sub: 'admin-1', role, org: role === 'SCHOOL' ? '200001' : 'LA888' });
    const agent = request(service.url);
    let call = (method === 'post' ? agent.post(path) : agent.put(path)).set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call.send(body);
  };
  const schoolRows = async (urn: string) =>
    (await database.dataSource.query(`SELECT secret_sealed, version FROM schools WHERE urn = $1`, [urn])) as {
      secret_sealed: string;
      version: number;
    }[];
  const keysKept = async (): Promise<number> =>
    (await database.dataSource.query(`SELECT count(*)::int AS count FROM idempotency_keys`))[0].count;

  it('answers a retry with the first response, the same secret, and registers the school once; the key keeps no secret in clear', async () => {
    const key = randomUUID();
    const body = { urn: '200001', name: 'Retry Primary School' };
    const first = await send('post', '/v1/schools', body, 'ADMIN', { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(first.headers.etag).toBe('"1"');

    const retry = await send('post', '/v1/schools', { name: body.name, urn: body.urn }, 'ADMIN', { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe('"1"');
    expect(await schoolRows('200001')).toHaveLength(1);
    const [kept] = await database.dataSource.query(`SELECT response_body FROM idempotency_keys`);
    expect(JSON.stringify(kept)).not.toContain(first.body.webhookSecret);

    // Without the key, registering it again is what it always was: 409.
    expect((await send('post', '/v1/schools', body, 'ADMIN')).status).toBe(409);
  });

  it('refuses the key with another body (422) and a malformed key (400), writing nothing', async () => {
    const key = randomUUID();
    expect((await send('post', '/v1/schools', { urn: '200002', name: 'First' }, 'ADMIN', { 'Idempotency-Key': key })).status).toBe(201);
    const before = await keysKept();

    const changed = await send('post', '/v1/schools', { urn: '200003', name: 'Second' }, 'ADMIN', { 'Idempotency-Key': key });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toEqual(['Idempotency-Key: already used with a different body']);
    const malformed = await send('post', '/v1/schools', { urn: '200003', name: 'Second' }, 'ADMIN', {
      'Idempotency-Key': 'has spaces in it',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(['Idempotency-Key: must be 8-100 letters, digits, - or _ (a UUID is ideal)']);
    expect(await schoolRows('200003')).toEqual([]);
    expect(await keysKept()).toBe(before);
  });

  it('sets the webhook on the current version without If-Match, refuses a stale one (409) and a malformed one (400)', async () => {
    const path = '/v1/schools/200001/webhook';
    const changed = await send('put', path, { url: 'https://93.184.215.14/hook' }, 'SCHOOL');
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    const [after] = await schoolRows('200001');

    const stale = await send('put', path, { url: 'https://93.184.215.14/other' }, 'ADMIN', { 'If-Match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, message: ['If-Match: the record changed; it is now at version 2'] });
    expect(stale.headers.etag).toBe('"2"');
    const malformed = await send('put', path, { url: 'https://93.184.215.14/other' }, 'ADMIN', { 'If-Match': '"two"' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(['If-Match: must be the version number from the last read or write']);
    expect(await schoolRows('200001')).toEqual([after]);

    const current = await send('put', path, { url: 'https://93.184.215.14/other' }, 'ADMIN', { 'If-Match': '"2"' });
    expect(current.status).toBe(200);
    expect(current.headers.etag).toBe('"3"');
  });
});
