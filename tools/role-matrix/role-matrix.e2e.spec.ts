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
import { ALL_SERVICES } from '../../services/registry';
import { discoverRoutes, type DiscoveredRoute } from './discover-routes';
import { guardVerdict } from './role-matrix-doc';

const SCHOOL_URN = '100001';
type Caller = Role | 'NO_TOKEN';
const CALLERS: Caller[] = [...ROLES, 'NO_TOKEN'];

/**
 * The role matrix of docs/http-api.md, enforced: every route the code declares (found as the generator finds
 * them, so a new endpoint is covered without touching this file), called by every role and without a
 * token, against the running service. Made-up ids and empty bodies: an allowed role may get 400, 404,
 * 409, 412 or 422, which still shows the guard let it through. The finer rules (a school and its own
 * referrals) are each service's *-auth.e2e.spec.ts.
 */
describe.each(ALL_SERVICES.map((definition) => [definition.name, definition] as const))('%s obeys the role matrix', (name, definition) => {
  let routes: DiscoveredRoute[];
  let database: TestDatabase;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    routes = await discoverRoutes(definition);
    const topicSuffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka(`${name}-role-matrix`), topicSuffix);
    database = await createTestDatabase(`${name}_roles`, definition.migrations);
    service = await startServiceUnderTest(definition, { databaseUrl: database.url, topicSuffix });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('refuses (403, or 401 without a token) exactly the callers the matrix refuses', async () => {
    expect(routes.length).toBeGreaterThan(0);
    const surprises: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const status = await call(service.url, route, caller);
        const expected = expectedOf(route, caller);
        const met = expected === 'through' ? status !== 401 && status !== 403 : status === expected;
        if (!met) surprises.push(`${caller} ${route.method} ${route.path}: got ${status}, expected ${expected}`);
      }
    }
    expect(surprises).toEqual([]);
  });
});

const expectedOf = (route: DiscoveredRoute, caller: Caller): 401 | 403 | 'through' => {
  if (route.open) return 'through';
  if (caller === 'NO_TOKEN') return 401;
  return guardVerdict(route, caller) === 'allowed' ? 'through' : 403;
};

const call = async (url: string, route: DiscoveredRoute, caller: Caller): Promise<number> => {
  const path = route.path.replace(/\{(\w+)\}/g, (_whole, param: string) => exampleValueOf(param));
  let pending = request(url)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
  if (caller !== 'NO_TOKEN') {
    const org = caller === 'SCHOOL' ? SCHOOL_URN : 'LA888';
    pending = pending.set('Authorization', `Bearer ${await testToken({ sub: `role-matrix-${caller}`, role: caller, org })}`);
  }
  const response = await (route.method === 'GET' || route.method === 'DELETE' ? pending : pending.send({}));
  return response.status;
};

/** A school's URN is the calling school's own (a school may act on itself); every other id is made up. */
const exampleValueOf = (param: string): string => (/urn/i.test(param) ? SCHOOL_URN : randomUUID());
