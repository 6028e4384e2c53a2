import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLES, type Role } from '@csc/contracts';
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
import { earlyHelpService } from '../early-help.service-definition';

type Caller = Role | 'SCHOOL_OTHER' | 'NO_TOKEN';
const CALLERS: Caller[] = [...ROLES, 'SCHOOL_OTHER', 'NO_TOKEN'];
const MISSING = randomUUID();
const WRITES: [string, object][] = [
  ['assessment', { completedOn: '2025-01-14', needs: ['GOOD_EDUCATION'] }],
  ['team', { leadPractitioner: 'Jo Lead', members: [] }],
  ['plan', { agreedOn: '2025-01-20', goals: ['Attendance'] }],
  ['outcomes-ladder', { scoredOn: '2025-01-20', scores: { GOOD_EDUCATION: 3 } }],
  ['reviews', { heldOn: '2025-03-17' }],
  ['step-up', { on: '2025-03-17', reason: 'Escalating' }],
  ['closure', { closedOn: '2025-05-30', outcome: 'MOVED_AWAY' }],
];

/** docs/http-api.md: EARLY_HELP and ADMIN write; a SCHOOL may ask for early help and read the stage of episodes it asked for. */
describe('who may call what in early-help', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;
  let requestedBySchool: string;

  const call = async (caller: Caller, method: 'get' | 'post', path: string, body?: object) => {
    let pending = request(service.url)[method](path).set('If-Match', '"1"');
    if (caller !== 'NO_TOKEN') {
      const role: Role = caller === 'SCHOOL_OTHER' ? 'SCHOOL' : caller;
      const org = caller === 'SCHOOL' ? '100001' : caller === 'SCHOOL_OTHER' ? '100003' : 'LA888';
      pending = pending.set('Authorization', `Bearer ${await testToken({ sub: 'u', role, org })}`);
    }
    return (body ? pending.send(body) : pending).then((response) => response.status);
  };
  const requestBody = () => ({
    child: { givenName: 'Ava', familyName: `Auth${randomUUID().slice(0, 6)}`, dateOfBirth: '2016-01-01', sex: 'F' },
    reason: 'Worries',
    consent: { given: true },
  });

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('early-help-auth'), suffix);
    database = await createTestDatabase('early_help_auth', earlyHelpService.migrations);
    service = await startServiceUnderTest(earlyHelpService, { databaseUrl: database.url, topicSuffix: suffix });
    const created = await request(service.url)
      .post('/v1/early-help/requests')
      .set('Authorization', `Bearer ${await testToken({ sub: 'dsl', role: 'SCHOOL', org: '100001' })}`)
      .send(requestBody());
    requestedBySchool = created.body.episodeId;
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const denied = { FRONT_DOOR: 403, SOCIAL_WORKER: 403, ANALYST: 403, NO_TOKEN: 401 };
  it.each(CALLERS)('POST /v1/early-help/requests as %s', async (caller) => {
    const expected: Record<Caller, number> = { ...denied, SCHOOL: 201, SCHOOL_OTHER: 201, EARLY_HELP: 201, ADMIN: 403 };
    expect(await call(caller, 'post', '/v1/early-help/requests', requestBody())).toBe(expected[caller]);
  });

  it.each(CALLERS)('GET /v1/early-help/episodes/{id} as %s', async (caller) => {
    const expected: Record<Caller, number> = { ...denied, SCHOOL: 200, SCHOOL_OTHER: 404, EARLY_HELP: 200, ADMIN: 200 };
    expect(await call(caller, 'get', `/v1/early-help/episodes/${requestedBySchool}`)).toBe(expected[caller]);
  });

  const writes = WRITES.flatMap(([path, body]) => CALLERS.map((caller) => [path, caller, body] as const));
  it.each(writes)('POST /v1/early-help/episodes/{id}/%s as %s', async (path, caller, body) => {
    // Allowed callers get through the guard to an episode that does not exist: 404.
    const expected: Record<Caller, number> = { ...denied, SCHOOL: 403, SCHOOL_OTHER: 403, EARLY_HELP: 404, ADMIN: 404 };
    expect(await call(caller, 'post', `/v1/early-help/episodes/${MISSING}/${path}`, body)).toBe(expected[caller]);
  });
});
