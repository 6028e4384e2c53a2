import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@csc/contracts';
import { startServices, testToken, type ServiceUnderTest, type ServicesUnderTest, type TestDatabase } from '@csc/testing';
import { earlyHelpService } from '../../early-help.service-definition';

/**
 * docs/http-api.md: a create takes an Idempotency-Key (same key and body: the first response again; another
 * body: 422); a write on an episode requires If-Match (stale: 409 with the current version; absent:
 * 400). Nothing is written on a 4xx.
 */
describe('retrying an early help request, and writing on a stale episode', () => {
  let running: ServicesUnderTest;
  let database: TestDatabase;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    running = await startServices('early_help_retries', [earlyHelpService]);
    service = running.services[earlyHelpService.name];
    database = running.databases[earlyHelpService.name];
  });
  afterAll(() => running?.stop());

  const post = async (path: string, body: object, role: Role, headers: Record<string, string> = {}) => {
    let call = request(service.url)
      .post(path)
      .set('Authorization', `Bearer ${await testToken({ sub: 'dsl', role, org: role === 'SCHOOL' ? '100001' : 'LA888' })}`);
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    return call.send(body);
  };
  const aRequest = (familyName = `Retry${randomUUID().slice(0, 6)}`) => ({
    child: { givenName: 'Ava', familyName, dateOfBirth: '2016-01-01', sex: 'F' },
    reason: 'Attendance has dropped.',
    consent: { given: true },
  });
  const episodesOpened = async (): Promise<number> =>
    (await database.dataSource.query(`SELECT count(*)::int AS count FROM events WHERE type = 'EarlyHelpEpisodeOpened'`))[0].count;

  it('answers a retry with the same key and body with the first response, headers and all, and opens one episode', async () => {
    const key = randomUUID();
    const body = aRequest();
    const before = await episodesOpened();
    const first = await post('/v1/early-help/requests', body, 'SCHOOL', { 'Idempotency-Key': key });
    expect(first.status).toBe(201);

    const reordered = { consent: body.consent, reason: body.reason, child: body.child };
    const retries = await Promise.all([1, 2].map(() => post('/v1/early-help/requests', reordered, 'SCHOOL', { 'Idempotency-Key': key })));
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(first.headers.etag);
      expect(retry.headers.location).toBe(`/v1/early-help/episodes/${first.body.episodeId}`);
    }
    expect(await episodesOpened()).toBe(before + 1);
  });

  it('refuses the key with another body (422) and a malformed key (400), writing nothing', async () => {
    const key = randomUUID();
    expect((await post('/v1/early-help/requests', aRequest(), 'EARLY_HELP', { 'Idempotency-Key': key })).status).toBe(201);
    const before = await episodesOpened();

    const changed = await post('/v1/early-help/requests', aRequest(), 'EARLY_HELP', { 'Idempotency-Key': key });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toEqual(['Idempotency-Key: already used with a different body']);
    const malformed = await post('/v1/early-help/requests', aRequest(), 'EARLY_HELP', { 'Idempotency-Key': 'short' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(['Idempotency-Key: must be 8-100 letters, digits, - or _ (a UUID is ideal)']);
    expect(await episodesOpened()).toBe(before);
  });

  it('requires If-Match on an episode (400 without, nothing written), refuses a stale one (409, current version) and a malformed one (400)', async () => {
    const { episodeId } = (await post('/v1/early-help/requests', aRequest(), 'EARLY_HELP')).body;
    const path = `/v1/early-help/episodes/${episodeId}/team`;
    const team = { leadPractitioner: 'Jo Lead', members: [] };

    const withoutIfMatch = await post(path, team, 'EARLY_HELP');
    expect([withoutIfMatch.status, withoutIfMatch.body.message]).toEqual([
      400,
      ['If-Match: required: the version from your last read or write of this record (its ETag)'],
    ]);
    const first = await post(path, team, 'EARLY_HELP', { 'If-Match': '"1"' });
    expect([first.status, first.body.version, first.headers.etag]).toEqual([201, 2, '"2"']);

    const stale = await post(path, team, 'EARLY_HELP', { 'If-Match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, message: ['If-Match: the record changed; it is now at version 2'] });
    expect(stale.headers.etag).toBe('"2"');
    const malformed = await post(path, team, 'EARLY_HELP', { 'If-Match': 'latest' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(['If-Match: must be the version number from the last read or write']);

    const current = await post(path, team, 'EARLY_HELP', { 'If-Match': stale.headers.etag });
    expect(current.status).toBe(201);
    expect(current.headers.etag).toBe('"3"');
  });
});
