import request from 'supertest';
import type { AuthenticatedUser } from '@csc/auth';
import { nameBasedUuid } from '@csc/domain';
import { appRoleOf } from '@csc/platform';
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
import { caseProgressionService } from './case-progression/src/case-progression.service-definition';
import { earlyHelpService } from './early-help/src/early-help.service-definition';
import { referralIntakeService } from './referral-intake/src/referral-intake.service-definition';

const SCHOOL: AuthenticatedUser = { sub: 'dsl-100001', role: 'SCHOOL', org: '100001' };
const OTHER_SCHOOL: AuthenticatedUser = { sub: 'dsl-100002', role: 'SCHOOL', org: '100002' };
const FRONT_DOOR: AuthenticatedUser = { sub: 'front-door-1', role: 'FRONT_DOOR', org: 'LA888' };
const SOCIAL_WORKER: AuthenticatedUser = { sub: 'social-worker-1', role: 'SOCIAL_WORKER', org: 'LA888' };
const PRACTITIONER: AuthenticatedUser = { sub: 'early-help-1', role: 'EARLY_HELP', org: 'LA888' };
const ANALYST: AuthenticatedUser = { sub: 'analyst-1', role: 'ANALYST', org: 'LA888' };
const ADMIN: AuthenticatedUser = { sub: 'admin-1', role: 'ADMIN', org: 'LA888' };

/** Who read or changed a child's record, in each service that holds children's records, as an ADMIN finds it. */
describe("the audit trail of children's records, over HTTP", () => {
  const suffix = uniqueTopicSuffix();
  const databases: Record<'intake' | 'cases' | 'earlyHelp', TestDatabase> = {} as never;
  const services: Record<'intake' | 'cases' | 'earlyHelp', ServiceUnderTest> = {} as never;
  const familyName = `Audited${Date.now()}`;
  let referral: { referralId: string; childId: string };

  beforeAll(async () => {
    await createServiceTopics(testKafka('audit-trail-e2e'), suffix);
    [databases.intake, databases.cases, databases.earlyHelp] = await Promise.all([
      createTestDatabase('audit_intake', referralIntakeService.migrations),
      createTestDatabase('audit_cases', caseProgressionService.migrations),
      createTestDatabase('audit_early_help', earlyHelpService.migrations),
    ]);
    services.intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: databases.intake.url, topicSuffix: suffix });
    services.cases = await startServiceUnderTest(caseProgressionService, { databaseUrl: databases.cases.url, topicSuffix: suffix });
    services.earlyHelp = await startServiceUnderTest(earlyHelpService, { databaseUrl: databases.earlyHelp.url, topicSuffix: suffix });
  });
  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service?.stop()));
    await Promise.all(Object.values(databases).map((database) => database?.drop()));
  });

  const call = async (
    service: ServiceUnderTest,
    method: 'get' | 'post',
    path: string,
    user?: AuthenticatedUser,
    body?: object,
    ifMatch?: number,
  ) => {
    let pending = request(service.url)[method](path);
    if (user) pending = pending.set('Authorization', `Bearer ${await testToken(user)}`);
    if (ifMatch !== undefined) pending = pending.set('If-Match', `"${ifMatch}"`);
    return body ? pending.send(body) : pending;
  };
  const expectStatus = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
    if (response.status !== status) throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const auditLog = async (service: ServiceUnderTest, query: string) =>
    expectStatus(await call(service, 'get', `/v1/audit-log?${query}`, ADMIN), 200).body as {
      items: Record<string, unknown>[];
      nextBefore: string | null;
    };
  const referralBody = (givenName: string) => ({
    receivedAt: '2025-01-03T09:00:00Z',
    referrer: { source: '2A', organisationId: SCHOOL.org, name: 'Sam Example' },
    child: { givenName, familyName, dateOfBirth: '2014-06-01', sex: 'F', postcode: 'FY1 4QS', schoolUrn: SCHOOL.org },
    concerns: { summary: 'Disclosure of harm at home.', factors: ['19C'] },
    consent: { given: true },
  });
  const who = (user: AuthenticatedUser) => ({ userSub: user.sub, userRole: user.role, userOrg: user.org });

  it('referral-intake: records each read and write with who, role, org, child, route and outcome, and each refusal', async () => {
    referral = expectStatus(await call(services.intake, 'post', '/v1/referrals', SCHOOL, referralBody('Amelia')), 201).body;
    const { referralId, childId } = referral;
    expectStatus(await call(services.intake, 'get', `/v1/referrals/${referralId}`, FRONT_DOOR), 200);
    expectStatus(await call(services.intake, 'get', `/v1/referrals/${referralId}`, OTHER_SCHOOL), 404);
    expectStatus(await call(services.intake, 'get', `/v1/referrals/${referralId}`, ANALYST), 403);
    expectStatus(await call(services.intake, 'get', `/v1/referrals/${referralId}`), 401);
    expectStatus(await call(services.intake, 'get', `/v1/children/${childId}/referrals`, FRONT_DOOR), 200);
    expectStatus(
      await call(services.intake, 'post', `/v1/referrals/${referralId}/decision`, FRONT_DOOR, {
        outcome: 'ACCEPTED_FOR_ASSESSMENT',
        primaryNeed: 'N1',
        rationale: 'Significant harm.',
        decidedAt: '2025-01-03T15:00:00Z',
      }),
      200,
    );

    const row = { childId, resourceKind: 'referral', resourceId: referralId, requestId: expect.any(String) };
    expect((await auditLog(services.intake, `childId=${childId}`)).items).toEqual([
      expect.objectContaining({ ...who(FRONT_DOOR), ...row, method: 'POST', route: '/v1/referrals/{id}/decision', outcome: 200 }),
      expect.objectContaining({ ...who(FRONT_DOOR), ...row, method: 'GET', route: '/v1/children/{childId}/referrals', outcome: 200 }),
      expect.objectContaining({ ...who(FRONT_DOOR), ...row, method: 'GET', route: '/v1/referrals/{id}', outcome: 200 }),
      expect.objectContaining({ ...who(SCHOOL), ...row, method: 'POST', route: '/v1/referrals', outcome: 201 }),
    ]);
    // Refused before anything was loaded: the record is named by the path, the child is not known.
    const refused = { childId: null, resourceKind: 'referral', resourceId: referralId, method: 'GET', route: '/v1/referrals/{id}' };
    // Refusals are recorded once their response has closed, so a moment after the caller has it.
    await eventually(async () =>
      expect((await auditLog(services.intake, `userId=${OTHER_SCHOOL.sub}`)).items).toEqual([
        expect.objectContaining({ ...who(OTHER_SCHOOL), ...refused, outcome: 404 }),
      ]),
    );
    await eventually(async () =>
      expect((await auditLog(services.intake, `userId=${ANALYST.sub}`)).items).toEqual([
        expect.objectContaining({ ...who(ANALYST), ...refused, outcome: 403 }),
      ]),
    );
    await eventually(async () =>
      expect((await auditLog(services.intake, 'userId=anonymous')).items).toEqual([
        expect.objectContaining({ userSub: 'anonymous', userRole: null, userOrg: null, ...refused, outcome: 401 }),
      ]),
    );
  });

  it('stores ids, never what was sent or asked: no names, no concerns, no query strings', async () => {
    await call(services.intake, 'get', `/v1/referrals/${referral.referralId}?givenName=Amelia`, FRONT_DOOR);
    const rows: { row: string }[] = await databases.intake.dataSource.query(`SELECT row_to_json(audit_log)::text AS row FROM audit_log`);
    const everything = rows.map(({ row }) => row).join('\n');
    for (const personal of [familyName, 'Amelia', 'Disclosure', 'FY1', '2014-06-01', 'givenName'])
      expect(everything).not.toContain(personal);
  });

  it('pages newest first with nextBefore, and refuses a query about no one (400) or by anyone but an ADMIN (403)', async () => {
    const all = await auditLog(services.intake, `childId=${referral.childId}`);
    const first = await auditLog(services.intake, `childId=${referral.childId}&limit=2`);
    const second = await auditLog(services.intake, `childId=${referral.childId}&limit=2&before=${first.nextBefore}`);
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(all.items.slice(0, 4).map((item) => item.id));
    expect(Number(first.items[0].id)).toBeGreaterThan(Number(first.items[1].id));

    const nobody = expectStatus(await call(services.intake, 'get', '/v1/audit-log', ADMIN), 400);
    expect(nobody.body.message).toEqual(['childId: required unless userId is given']);
    expect(expectStatus(await call(services.intake, 'get', '/v1/audit-log?childId=not-a-uuid', ADMIN), 400).body.message).toEqual([
      'childId: must be a UUID',
    ]);
    expectStatus(await call(services.intake, 'get', `/v1/audit-log?childId=${referral.childId}`, FRONT_DOOR), 403);
    const docs = expectStatus(await call(services.intake, 'get', '/docs-json'), 200);
    expect(docs.body.paths['/v1/audit-log'].get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['childId', 'userId', 'before', 'limit']),
    );
  });

  it('fails closed: when the audit trail cannot be written, the caller gets 500 and none of the record', async () => {
    const role = appRoleOf(referralIntakeService.name);
    await databases.intake.dataSource.query(`REVOKE INSERT ON audit_log FROM ${role}`);
    try {
      const response = expectStatus(await call(services.intake, 'get', `/v1/referrals/${referral.referralId}`, FRONT_DOOR), 500);
      expect(JSON.stringify(response.body)).not.toContain(referral.childId);
      expect(JSON.stringify(response.body)).not.toContain(familyName);
    } finally {
      await databases.intake.dataSource.query(`GRANT INSERT ON audit_log TO ${role}`);
    }
  });

  it("takes no referral whose audit rows cannot be written: they commit in the referral's own transaction", async () => {
    const role = appRoleOf(referralIntakeService.name);
    const [{ events: before }] = await databases.intake.dataSource.query(`SELECT count(*)::int AS events FROM events`);
    await databases.intake.dataSource.query(`REVOKE INSERT ON audit_log FROM ${role}`);
    try {
      expectStatus(await call(services.intake, 'post', '/v1/referrals', SCHOOL, referralBody('Unaudited')), 500);
    } finally {
      await databases.intake.dataSource.query(`GRANT INSERT ON audit_log TO ${role}`);
    }
    const [{ events: after }] = await databases.intake.dataSource.query(`SELECT count(*)::int AS events FROM events`);
    expect(after).toBe(before);
  });

  it("takes no decision whose audit rows cannot be written: they commit in the decision's own transaction, once", async () => {
    const role = appRoleOf(referralIntakeService.name);
    const taken = expectStatus(await call(services.intake, 'post', '/v1/referrals', SCHOOL, referralBody('Decided')), 201).body as {
      referralId: string;
      childId: string;
    };
    const decision = { outcome: 'SIGNPOSTED', rationale: 'Universal services suffice.', decidedAt: '2025-01-03T15:00:00Z' };
    const eventsOf = async () =>
      (
        await databases.intake.dataSource.query(`SELECT count(*)::int AS events FROM events WHERE stream_id = $1`, [
          `referral-${taken.referralId}`,
        ])
      )[0].events as number;
    const before = await eventsOf();
    await databases.intake.dataSource.query(`REVOKE INSERT ON audit_log FROM ${role}`);
    try {
      expectStatus(await call(services.intake, 'post', `/v1/referrals/${taken.referralId}/decision`, FRONT_DOOR, decision), 500);
    } finally {
      await databases.intake.dataSource.query(`GRANT INSERT ON audit_log TO ${role}`);
    }
    expect(await eventsOf()).toBe(before);

    const decided = expectStatus(
      await call(services.intake, 'post', `/v1/referrals/${taken.referralId}/decision`, FRONT_DOOR, decision),
      200,
    );
    expect(decided.body).toMatchObject({ referralId: taken.referralId, childId: taken.childId, outcome: decision.outcome });
    expect(await eventsOf()).toBe(before + 1);
    // Written once, by the decision's transaction: the interceptor takes that body as recorded.
    const decisionRows = (await auditLog(services.intake, `childId=${taken.childId}`)).items.filter(
      (item) => item.route === '/v1/referrals/{id}/decision' && item.outcome === 200,
    );
    expect(decisionRows).toEqual([expect.objectContaining({ ...who(FRONT_DOOR), resourceId: taken.referralId, method: 'POST' })]);
  });

  it('records a referral once when it is taken, and again each time its Idempotency-Key replays it', async () => {
    const key = `audit-replay-${Date.now()}`;
    const withKey = async () =>
      request(services.intake.url)
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${await testToken(SCHOOL)}`)
        .set('Idempotency-Key', key)
        .send(referralBody('Replayed'));
    const taken = expectStatus(await withKey(), 201).body as { referralId: string; childId: string };
    expect((await auditLog(services.intake, `childId=${taken.childId}`)).items).toHaveLength(1);
    expect(expectStatus(await withKey(), 201).body).toEqual(taken);

    const served = expect.objectContaining({
      ...who(SCHOOL),
      childId: taken.childId,
      resourceId: taken.referralId,
      route: '/v1/referrals',
      outcome: 201,
    });
    expect((await auditLog(services.intake, `childId=${taken.childId}`)).items).toEqual([served, served]);
  });

  it('case-progression: records the case read and written for the child, and the stale write (409) and the refused role', async () => {
    const { childId } = referral;
    const opened = await eventually(
      async () => expectStatus(await call(services.cases, 'get', `/v1/children/${childId}/cases`, SOCIAL_WORKER), 200).body[0],
      { intervalMs: 250 },
    );
    const caseId: string = opened.caseId;
    const path = `/v1/cases/${caseId}/assessments`;
    expectStatus(await call(services.cases, 'post', path, SOCIAL_WORKER, { startedAt: '2025-01-06' }, opened.version + 5), 409);
    expectStatus(await call(services.cases, 'post', path, SOCIAL_WORKER, { startedAt: '2025-01-06' }, opened.version), 201);
    expectStatus(await call(services.cases, 'get', `/v1/cases/${caseId}`, SCHOOL), 403);

    const forChild = (await auditLog(services.cases, `childId=${childId}`)).items;
    expect(forChild.slice(0, 2)).toEqual([
      expect.objectContaining({
        ...who(SOCIAL_WORKER),
        childId,
        resourceKind: 'case',
        resourceId: caseId,
        route: '/v1/cases/{id}/assessments',
        outcome: 201,
      }),
      expect.objectContaining({
        ...who(SOCIAL_WORKER),
        childId,
        resourceId: caseId,
        method: 'GET',
        route: '/v1/children/{childId}/cases',
        outcome: 200,
      }),
    ]);
    // A refused or failed request is recorded once its response has closed, so a moment after the caller has it.
    await eventually(async () =>
      expect((await auditLog(services.cases, `userId=${SOCIAL_WORKER.sub}`)).items).toContainEqual(
        expect.objectContaining({ resourceId: caseId, method: 'POST', route: '/v1/cases/{id}/assessments', outcome: 409 }),
      ),
    );
    await eventually(async () =>
      expect((await auditLog(services.cases, `userId=${SCHOOL.sub}`)).items).toEqual([
        expect.objectContaining({ ...who(SCHOOL), resourceId: caseId, route: '/v1/cases/{id}', outcome: 403 }),
      ]),
    );
  });

  it("early-help: records the episode's reads and writes for the child, and a direct request before the child is known", async () => {
    const steppedDown = expectStatus(await call(services.intake, 'post', '/v1/referrals', SCHOOL, referralBody('Beatrice')), 201).body;
    expectStatus(
      await call(services.intake, 'post', `/v1/referrals/${steppedDown.referralId}/decision`, FRONT_DOOR, {
        outcome: 'STEP_DOWN_TO_EARLY_HELP',
        rationale: 'Needs met by early help.',
        decidedAt: '2025-01-07T10:00:00Z',
      }),
      200,
    );
    const episodeId = nameBasedUuid(`episode-for-referral:${steppedDown.referralId}`);
    const episode = await eventually(
      async () => expectStatus(await call(services.earlyHelp, 'get', `/v1/early-help/episodes/${episodeId}`, PRACTITIONER), 200).body,
      { intervalMs: 250 },
    );
    expectStatus(
      await call(
        services.earlyHelp,
        'post',
        `/v1/early-help/episodes/${episodeId}/assessment`,
        PRACTITIONER,
        { completedOn: '2025-01-14', needs: ['GOOD_EDUCATION'] },
        episode.version,
      ),
      201,
    );
    const direct = expectStatus(
      await call(services.earlyHelp, 'post', '/v1/early-help/requests', SCHOOL, {
        child: { givenName: 'Cora', familyName, dateOfBirth: '2016-09-09', sex: 'F' },
        reason: 'Low mood.',
        consent: { given: true },
      }),
      201,
    ).body;

    const row = { ...who(PRACTITIONER), childId: steppedDown.childId, resourceKind: 'episode', resourceId: episodeId };
    expect((await auditLog(services.earlyHelp, `childId=${steppedDown.childId}`)).items).toEqual([
      expect.objectContaining({ ...row, method: 'POST', route: '/v1/early-help/episodes/{id}/assessment', outcome: 201 }),
      expect.objectContaining({ ...row, method: 'GET', route: '/v1/early-help/episodes/{id}', outcome: 200 }),
    ]);
    expect((await auditLog(services.earlyHelp, `userId=${SCHOOL.sub}`)).items).toEqual([
      expect.objectContaining({
        ...who(SCHOOL),
        childId: null,
        resourceId: direct.episodeId,
        route: '/v1/early-help/requests',
        outcome: 201,
      }),
    ]);
  });
});
