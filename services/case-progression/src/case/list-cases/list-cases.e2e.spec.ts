import request from 'supertest';
import { ROLES, type Role } from '@csc/contracts';
import {
  createServiceTopics,
  createTestDatabase,
  eventually,
  startServiceUnderTest,
  testKafka,
  testToken,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { referralIntakeService } from '../../../../referral-intake/src/referral-intake.service-definition';
import { caseProgressionService } from '../../case-progression.service-definition';

interface Item {
  caseId: string;
  childId: string;
  referralId: string;
  stage: string;
  openedOn: string;
  nextDue: { what: string; dueOn: string } | null;
  overdue: boolean;
  version: number;
}

describe('the caseload: GET /v1/cases by next due date, keyset-paged, filtered, audited', () => {
  let intakeDatabase: TestDatabase;
  let casesDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let cases: ServiceUnderTest;
  let suffix: string;
  const token = (role: Role) => testToken({ sub: `${role.toLowerCase()}-1`, role, org: role === 'SCHOOL' ? '100001' : 'LA888' });
  const get = async (service: ServiceUnderTest, path: string, role: Role = 'SOCIAL_WORKER') =>
    request(service.url)
      .get(path)
      .set('Authorization', `Bearer ${await token(role)}`);
  const post = async (service: ServiceUnderTest, path: string, body: object, role: Role, ifMatch?: number) => {
    let call = request(service.url)
      .post(path)
      .set('Authorization', `Bearer ${await token(role)}`);
    if (ifMatch !== undefined) call = call.set('If-Match', `"${ifMatch}"`);
    return call.send(body);
  };
  const ok = <T extends { status: number; body: unknown }>(response: T, status = 200): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const list = async (query = ''): Promise<{ items: Item[]; next: string | null }> => ok(await get(cases, `/v1/cases?${query}`)).body;
  const allIds = async (query = '') => (await list(`limit=200&${query}`)).items.map((item) => item.caseId);

  let children = 0;
  /** A referral received on `receivedAt`, accepted for assessment: case-progression opens its case from the event. */
  const openCase = async (receivedAt: string): Promise<Item> => {
    children += 1;
    const referral = ok(
      await post(
        intake,
        '/v1/referrals',
        {
          receivedAt,
          referrer: { source: '2A', organisationId: '100001', name: 'Sam Example' },
          child: {
            givenName: 'Casey',
            familyName: `Caseload${String.fromCharCode(64 + children)}`,
            dateOfBirth: `2014-06-${String(children).padStart(2, '0')}`,
            sex: 'F',
            postcode: 'FY1 4QS',
          },
          concerns: { summary: 'Disclosure of harm at home.' },
          consent: { given: true },
        },
        'SCHOOL',
      ),
      201,
    ).body as { referralId: string; childId: string };
    const decidedAt = new Date(Math.max(Date.parse(receivedAt) + 60_000, Date.now())).toISOString();
    ok(
      await post(
        intake,
        `/v1/referrals/${referral.referralId}/decision`,
        { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Significant harm.', decidedAt },
        'FRONT_DOOR',
      ),
    );
    return eventually(async () => {
      const item = (await list('limit=200')).items.find((candidate) => candidate.childId === referral.childId);
      expect(item).toBeDefined();
      return item!;
    });
  };

  // Opened in beforeAll: B gets an S47 (ICPC due sooner than any assessment), F is closed (nothing due).
  let a: Item, b: Item, c: Item, d: Item, e: Item, f: Item;

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('list-cases'), suffix);
    intakeDatabase = await createTestDatabase('caseload_intake', referralIntakeService.migrations);
    casesDatabase = await createTestDatabase('caseload_cases', caseProgressionService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    cases = await startServiceUnderTest(caseProgressionService, { databaseUrl: casesDatabase.url, topicSuffix: suffix });

    a = await openCase('2025-01-06T09:00:00Z');
    b = await openCase('2025-02-03T09:00:00Z');
    c = await openCase('2025-03-03T09:00:00Z');
    d = await openCase(new Date(Date.now() - 120_000).toISOString());
    e = await openCase('2025-01-06T10:00:00Z');
    f = await openCase('2025-01-13T09:00:00Z');
    ok(
      await post(
        cases,
        `/v1/cases/${b.caseId}/strategy-discussions`,
        { heldOn: '2025-02-04', section47: true },
        'SOCIAL_WORKER',
        b.version,
      ),
      201,
    );
    ok(await post(cases, `/v1/cases/${f.caseId}/closure`, { closedOn: '2025-01-20', reason: 'RC7' }, 'SOCIAL_WORKER', f.version), 201);
  }, 120_000);
  afterAll(async () => {
    await cases?.stop();
    await intake?.stop();
    await intakeDatabase?.drop();
    await casesDatabase?.drop();
  });

  it('lists by next due date, soonest first, cases with nothing due last, ties by case id; each item as the case view computes it', async () => {
    const [first, second] = [a.caseId, e.caseId].sort();
    expect(await allIds()).toEqual([b.caseId, first, second, c.caseId, d.caseId, f.caseId]);
    const items = (await list('limit=200')).items;
    const byId = new Map(items.map((item) => [item.caseId, item]));
    expect(byId.get(a.caseId)).toEqual({
      caseId: a.caseId,
      childId: a.childId,
      referralId: a.referralId,
      stage: 'OPEN',
      openedOn: '2025-01-06',
      nextDue: { what: 'ASSESSMENT', dueOn: '2025-03-10' },
      overdue: true,
      version: expect.any(Number),
    });
    expect(byId.get(b.caseId)).toMatchObject({ stage: 'SECTION_47', nextDue: { what: 'ICPC', dueOn: '2025-02-25' }, overdue: true });
    expect(byId.get(d.caseId)).toMatchObject({ stage: 'OPEN', nextDue: { what: 'ASSESSMENT' }, overdue: false });
    expect(byId.get(f.caseId)).toMatchObject({ stage: 'CLOSED', nextDue: null, overdue: false });
    // The same computation as GET /v1/cases/{id}.
    for (const item of [a, b, d]) {
      const view = ok(await get(cases, `/v1/cases/${item.caseId}`)).body;
      const listed = byId.get(item.caseId)!;
      expect(listed.stage).toBe(view.stage);
      expect(listed.version).toBe(view.version);
      expect([view.dueDates.assessmentDueDate, view.dueDates.icpcDueDate].filter(Boolean).sort()[0]).toBe(listed.nextDue!.dueOn);
    }
  });

  it('pages with limit=2 while new cases arrive: every case there at the start exactly once, none repeated', async () => {
    const before = await allIds();
    const seen: string[] = [];
    const firstPage = await list('limit=2');
    expect(firstPage.items).toHaveLength(2);
    seen.push(...firstPage.items.map((item) => item.caseId));
    // One arrives before the cursor (an offset would now repeat a row), one after it (it must be found).
    const early = await openCase('2025-01-02T09:00:00Z');
    const late = await openCase('2025-04-01T09:00:00Z');
    let next = firstPage.next;
    let pages = 1;
    while (next) {
      const page = await list(`limit=2&after=${next}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.caseId));
      next = page.next;
      pages += 1;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(before));
    expect(seen).toContain(late.caseId);
    expect(seen).not.toContain(early.caseId);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(await allIds()).toContain(early.caseId);
  });

  it('filters by stage, by due date and by overdue', async () => {
    expect(await allIds('stage=SECTION_47')).toEqual([b.caseId]);
    expect(await allIds('stage=CLOSED')).toEqual([f.caseId]);
    expect(await allIds('stage=LOOKED_AFTER')).toEqual([]);
    const dueBefore = await allIds('dueBefore=2025-03-10');
    expect(dueBefore).toContain(b.caseId);
    expect(dueBefore).not.toContain(a.caseId);
    expect(await allIds('dueBefore=2025-03-11')).toEqual(expect.arrayContaining([b.caseId, a.caseId, e.caseId]));
    expect(await allIds('dueBefore=2025-03-11')).not.toContain(c.caseId);
    expect(await allIds('overdue=false')).toEqual([d.caseId, f.caseId]);
    const overdue = (await list('limit=200&overdue=true')).items;
    expect(overdue.map((item) => item.caseId)).toEqual(expect.arrayContaining([a.caseId, b.caseId, c.caseId, e.caseId]));
    expect(overdue.every((item) => item.overdue)).toBe(true);
    expect(await allIds('stage=OPEN&overdue=false')).toEqual([d.caseId]);
  });

  it.each([
    ['stage=NOPE', /^stage: must be one of/],
    ['dueBefore=2025-02-30', /^dueBefore: must be a real date/],
    ['overdue=yes', /^overdue: must be true or false/],
    ['limit=0', /^limit: /],
    ['after=not-a-cursor!', /^after: /],
    [`after=${Buffer.from('[42]').toString('base64url')}`, /^after: must be the `next` of an earlier page/],
    ['owner=me', /^owner: is not a known field/],
  ])('refuses %s: 400 naming the field', async (query, message) => {
    const response = await get(cases, `/v1/cases?${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it.each([...ROLES])('as %s: only social workers and the front door may list cases', async (role) => {
    const response = await get(cases, '/v1/cases?limit=1', role);
    expect(response.status).toBe(['SOCIAL_WORKER', 'FRONT_DOOR'].includes(role) ? 200 : 403);
  });

  it('puts every case served in the audit trail, and refuses a caller with no token', async () => {
    const page = await list('limit=2');
    for (const item of page.items) {
      const trail = ok(await get(cases, `/v1/audit-log?childId=${item.childId}`, 'ADMIN')).body.items;
      expect(trail).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ route: '/v1/cases', resourceKind: 'case', resourceId: item.caseId, outcome: 200 }),
        ]),
      );
    }
    expect((await request(cases.url).get('/v1/cases')).status).toBe(401);
  });

  it('is rebuilt from the event log: emptied, the service lists every case again when it starts', async () => {
    const listed = (await list('limit=200')).items;
    await casesDatabase.dataSource.query('DELETE FROM caseload');
    expect((await list('limit=200')).items).toEqual([]);
    await cases.stop();
    cases = await startServiceUnderTest(caseProgressionService, { databaseUrl: casesDatabase.url, topicSuffix: suffix });
    expect((await list('limit=200')).items).toEqual(listed);
  });
});
