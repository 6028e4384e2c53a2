import fc from 'fast-check';
import request from 'supertest';
import {
  requestTextOf,
  startServices,
  testToken,
  type Components,
  type OpenApiSchema,
  type ServiceUnderTest,
  type ServicesUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { discoverRoutes, type DiscoveredRoute } from '../tools/role-matrix/discover-routes';
import { ALL_SERVICES } from './registry';

/** Bodies per write route; `FUZZ_RUNS=2000 npx jest services/write-fuzz` searches harder. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SCHOOL_URN = '100001';

/**
 * Tables whose rows change without a request: the relay's position, projections' offsets, the audit of
 * who read what, and what reactions write as they consume (their inbox; referral-intake's record of
 * each child's open referrals, kept by reacting to its own topic), which a 2xx a moment earlier sets
 * off while a later request is being judged.
 */
const NOT_WRITES_OF_A_REQUEST = new Set(['outbox_checkpoints', 'projection_offsets', 'audit_log', 'inbox', 'child_records']);

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> } }>>;
  components?: { schemas?: Components };
}

/**
 * Every write route of every service, called with thousands of generated bodies (shaped by the route's
 * own OpenAPI schema, then spoiled: hostile strings, wrong types, dropped and unknown fields, prototype
 * keys, bodies that are not JSON), path ids and headers. A client's mistake is never a 5xx, and a 4xx
 * writes nothing: every table of the service's database is the same before and after. Each service
 * runs alone, so nothing but the request and the service's own reactions can write while it is judged
 * (the tables those write are left out). A failure prints the fast-check seed and the shrunk request.
 */
describe.each(ALL_SERVICES.map((definition) => [definition.name, definition] as const))(
  '%s under generated requests',
  (name, definition) => {
    let running: ServicesUnderTest | undefined;
    let database: TestDatabase;
    let service: ServiceUnderTest;
    let routes: DiscoveredRoute[];
    let document: OpenApiDocument;
    let fingerprint: () => Promise<string>;

    beforeAll(async () => {
      routes = (await discoverRoutes(definition)).filter((route) => route.method !== 'GET' && !route.open);
      if (routes.length === 0) return;
      running = await startServices(`${name.replace(/-/g, '_')}_fuzz`, [definition]);
      service = running.services[name];
      database = running.databases[name];
      document = (await request(service.url).get('/docs-json')).body as OpenApiDocument;
      fingerprint = await fingerprintOf(database);
    });
    afterAll(() => running?.stop());

    it('answers every generated write with a 2xx or a 4xx in the API error shape, and writes nothing on a 4xx', async () => {
      // Only the returns are read-only; a write route added to them is fuzzed here without further ado.
      if (routes.length === 0) return expect(definition.name).toBe('statutory-returns');
      // Ids the fuzz itself created (a referral, a school, an episode): later routes act on them as well as on nobody's.
      const created: string[] = [];
      // Creates first, so that the writes on an aggregate find some to act on.
      for (const route of [...routes].sort((a, b) => a.path.split('{').length - b.path.split('{').length)) {
        const operation = document.paths[route.path]?.[route.method.toLowerCase()];
        const schema = operation?.requestBody?.content?.['application/json']?.schema;
        const role = route.roles[0];
        const token = await testToken({ sub: `${role.toLowerCase()}-fuzz`, role, org: role === 'SCHOOL' ? SCHOOL_URN : 'LA888' });
        await fc.assert(
          fc.asyncProperty(
            pathOf(route.path, [...created]),
            requestTextOf(schema, document.components?.schemas ?? {}),
            headers,
            async (path, text, extraHeaders) => {
              const before = await fingerprint();
              const response = await send(service.url, route.method, path, text, token, extraHeaders);
              if (response.status >= 500) throw new Error(`${route.method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
              if (response.status < 300) created.push(...idsIn(response.body));
              if (response.status >= 400) {
                expect(response.body).toMatchObject({ statusCode: response.status, message: expect.any(Array) });
                expect(await fingerprint()).toBe(before);
              }
            },
          ),
          { numRuns: RUNS },
        );
      }
    }, 300_000);
  },
);

const send = (url: string, method: string, path: string, text: string, token: string, headers: Record<string, string>) => {
  const agent = request(url);
  const verb = method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
  let pending = agent[verb](path).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json');
  for (const [header, value] of Object.entries(headers)) pending = pending.set(header, value);
  return pending.send(text);
};

/** Path parameters: an id the fuzz created, a UUID (nobody's), or something that is not one. */
const pathOf = (template: string, created: string[]): fc.Arbitrary<string> => {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const value = fc.oneof(
    { weight: created.length > 0 ? 4 : 0, arbitrary: fc.constantFrom(...(created.length > 0 ? created : ['none'])) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '%00', '%E0%A4%A', '..%2F..', '100001', ' ', '%ud800') },
  );
  return fc
    .tuple(...names.map(() => value))
    .map((values) => names.reduce((path, param, i) => path.replace(`{${param}}`, values[i]), template));
};

/** The ids (and a school's URN) in a 2xx answer. */
const idsIn = (body: unknown): string[] =>
  Object.entries((body ?? {}) as Record<string, unknown>)
    .filter(([key, value]) => typeof value === 'string' && (/Id$/.test(key) || key === 'urn'))
    .map(([, value]) => value as string);

const headers: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'Idempotency-Key': fc.oneof(fc.uuid(), fc.constantFrom('short', 'x'.repeat(200), 'bad key!')),
    'If-Match': fc.oneof(
      fc.nat({ max: 5 }).map((version) => `"${version}"`),
      fc.constantFrom('W/"1"', '*', '-1', 'abc', '"99999999999999999999"'),
    ),
  },
  { requiredKeys: [] },
);

/**
 * A digest of every row of every table a request could write, in one round trip. Not the key vault:
 * it is one database shared by every test run on the machine, so its rows change under any other
 * run. Keys are made when a record is sealed, after every check that can refuse the request.
 */
const fingerprintOf = async (database: TestDatabase): Promise<() => Promise<string>> => {
  const tables: { schema: string; name: string }[] = await database.dataSource.query(
    `SELECT schemaname AS schema, tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const digests = tables
    .filter(({ name }) => !NOT_WRITES_OF_A_REQUEST.has(name))
    .map(
      ({ schema, name }) =>
        `(SELECT '${schema}.${name}:' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${schema}"."${name}" t)`,
    );
  const query = `SELECT concat_ws(',', ${digests.join(', ')}) AS digest`;
  return async () => (await database.dataSource.query(query))[0].digest as string;
};
