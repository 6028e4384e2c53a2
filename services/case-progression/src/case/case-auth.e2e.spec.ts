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
import { caseProgressionService } from '../case-progression.service-definition';

const CASE = randomUUID();
const ID = randomUUID();
/** Every case-progression endpoint of docs/http-api.md. Only SOCIAL_WORKER and FRONT_DOOR may call any of them. */
const ENDPOINTS: [string, string, object?][] = [
  ['get', `/v1/cases/${CASE}`],
  ['get', `/v1/children/${ID}/cases`],
  ['post', `/v1/cases/${CASE}/assessments`, { startedAt: '2025-01-06' }],
  ['post', `/v1/cases/${CASE}/assessments/${ID}/completion`, { authorisedAt: '2025-02-06', factors: ['21'], outcome: 'CHILD_IN_NEED' }],
  ['post', `/v1/cases/${CASE}/strategy-discussions`, { heldOn: '2025-01-07', section47: true }],
  ['post', `/v1/cases/${CASE}/section47/${ID}/outcome`, { concludedOn: '2025-01-17', icpcRequired: true }],
  ['post', `/v1/cases/${CASE}/conferences`, { heldOn: '2025-01-27', childProtectionPlan: true, category: 'NEG' }],
  ['post', `/v1/cases/${CASE}/cp-plans/${ID}/reviews`, { heldOn: '2025-04-25' }],
  ['post', `/v1/cases/${CASE}/cp-plans/${ID}/end`, { endedOn: '2025-06-25' }],
  ['post', `/v1/cases/${CASE}/cin-plans`, { startedOn: '2025-02-01' }],
  ['post', `/v1/cases/${CASE}/cin-plans/${ID}/end`, { endedOn: '2025-03-01' }],
  ['post', `/v1/cases/${CASE}/looked-after`, { startedOn: '2025-02-01', legalStatus: 'C2' }],
  ['post', `/v1/cases/${CASE}/looked-after/end`, { endedOn: '2025-03-01', reason: 'E13' }],
  ['post', `/v1/cases/${CASE}/closure`, { closedOn: '2025-03-31', reason: 'RC7' }],
  ['post', `/v1/cases/${CASE}/child-characteristics`, { ethnicity: 'WBRI' }],
];
const ALLOWED: Role[] = ['SOCIAL_WORKER', 'FRONT_DOOR'];

describe('who may call what in case-progression', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('case-auth'), suffix);
    database = await createTestDatabase('case_auth', caseProgressionService.migrations);
    service = await startServiceUnderTest(caseProgressionService, { databaseUrl: database.url, topicSuffix: suffix });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const cases = ENDPOINTS.flatMap(([method, path, body]) =>
    [...ROLES, 'NO_TOKEN' as const].map(
      (role) => [`${method.toUpperCase()} ${path.replace(CASE, '{id}').replace(ID, '{x}')}`, role, method, path, body] as const,
    ),
  );

  it.each(cases)('%s as %s', async (_name, role, method, path, body) => {
    let call = request(service.url)[method as 'get' | 'post'](path).set('If-Match', '"1"');
    if (role !== 'NO_TOKEN')
      call = call.set('Authorization', `Bearer ${await testToken({ sub: 'u', role, org: role === 'SCHOOL' ? '100001' : 'LA888' })}`);
    const response = body ? await call.send(body) : await call;
    if (role === 'NO_TOKEN') expect(response.status).toBe(401);
    else if (ALLOWED.includes(role))
      expect(response.status).toBe(404); // through the guard, to a case that does not exist
    else expect(response.status).toBe(403);
  });
});
