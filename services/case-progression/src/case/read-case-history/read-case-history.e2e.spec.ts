import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@csc/contracts';
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

/** A case opened by an accepted referral, walked through an assessment and a Section 47 enquiry, read back as its chronology. */
describe('GET /v1/cases/{id}/history', () => {
  let intakeDatabase: TestDatabase;
  let casesDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let cases: ServiceUnderTest;
  const token = (role: Role) => testToken({ sub: `${role.toLowerCase()}-1`, role, org: role === 'SCHOOL' ? '100001' : 'LA888' });
  const send = async (service: ServiceUnderTest, path: string, role: Role, body?: object, ifMatch?: number) => {
    const authorised = (body ? request(service.url).post(path) : request(service.url).get(path)).set(
      'Authorization',
      `Bearer ${await token(role)}`,
    );
    const call = ifMatch === undefined ? authorised : authorised.set('If-Match', `"${ifMatch}"`);
    const response = body ? await call.send(body) : await call;
    return response;
  };
  const ok = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const history = (caseId: string, role: Role = 'SOCIAL_WORKER') => send(cases, `/v1/cases/${caseId}/history`, role);

  /** A school refers, the front door accepts: the case opens by itself in case-progression. */
  const openCase = async (familyName: string) => {
    const referral = ok(
      await send(intake, '/v1/referrals', 'SCHOOL', {
        receivedAt: '2025-01-03T09:00:00Z',
        referrer: { source: '2A', organisationId: '100001', name: 'Sam Example' },
        child: { givenName: 'Amelia', familyName, dateOfBirth: '2014-06-01', sex: 'F', postcode: 'FY1 4QS' },
        concerns: { summary: 'Disclosure of harm at home.', factors: ['19C'] },
        consent: { given: true },
      }),
      201,
    ).body;
    const decision = {
      outcome: 'ACCEPTED_FOR_ASSESSMENT',
      primaryNeed: 'N1',
      rationale: 'Significant harm.',
      decidedAt: '2025-01-03T15:00:00Z',
    };
    ok(await send(intake, `/v1/referrals/${referral.referralId}/decision`, 'FRONT_DOOR', decision), 200);
    const opened = await eventually(
      async () => ok(await send(cases, `/v1/children/${referral.childId}/cases`, 'SOCIAL_WORKER'), 200).body[0],
    );
    return { caseId: opened.caseId as string, childId: referral.childId as string, version: opened.version as number };
  };

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('case-history'), suffix);
    intakeDatabase = await createTestDatabase('case_history_intake', referralIntakeService.migrations);
    casesDatabase = await createTestDatabase('case_history_cases', caseProgressionService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    cases = await startServiceUnderTest(caseProgressionService, { databaseUrl: casesDatabase.url, topicSuffix: suffix });
  });
  afterAll(async () => {
    await cases?.stop();
    await intake?.stop();
    await intakeDatabase?.drop();
    await casesDatabase?.drop();
  });

  it('tells the social worker every step, oldest first, with the role and organisation of who did it', async () => {
    const { caseId, childId, version: openedAt } = await openCase('Historycase');
    let version = openedAt;
    const write = async (path: string, body: object, role: Role) => {
      const response = ok(await send(cases, `/v1/cases/${caseId}${path}`, role, body, version), 201);
      version = response.body.version;
      return response.body;
    };
    await write('/assessments', { startedAt: '2025-01-06' }, 'SOCIAL_WORKER');
    const { section47Id } = await write('/strategy-discussions', { heldOn: '2025-01-07', section47: true }, 'FRONT_DOOR');
    await write(`/section47/${section47Id}/outcome`, { concludedOn: '2025-01-17', icpcRequired: true }, 'SOCIAL_WORKER');

    const response = ok(await history(caseId), 200);
    expect(response.headers.etag).toBe(`"${version}"`);
    const system = { role: 'SYSTEM', org: 'LA888' };
    const socialWorker = { role: 'SOCIAL_WORKER', org: 'LA888' };
    expect(response.body).toEqual({
      caseId,
      version: 4,
      entries: [
        {
          at: expect.any(String),
          what: 'Case opened from the referral of 2025-01-03 (primary need N1: abuse or neglect; source 2A: schools)',
          by: system,
          eventType: 'CaseOpened',
          version: 1,
        },
        { at: expect.any(String), what: 'Assessment started on 2025-01-06', by: socialWorker, eventType: 'AssessmentStarted', version: 2 },
        {
          at: expect.any(String),
          what: 'Strategy discussion held on 2025-01-07: Section 47 enquiry started',
          by: { role: 'FRONT_DOOR', org: 'LA888' },
          eventType: 'StrategyDiscussionHeld',
          version: 3,
        },
        {
          at: expect.any(String),
          what: 'Section 47 enquiry concluded on 2025-01-17: initial child protection conference needed',
          by: socialWorker,
          eventType: 'Section47Concluded',
          version: 4,
        },
      ],
    });
    expect(JSON.stringify(response.body)).not.toMatch(/Amelia|Historycase|social_worker-1|front_door-1/);
    // The front door reads the same; each read is audited with the child it served.
    expect(ok(await history(caseId, 'FRONT_DOOR'), 200).body).toEqual(response.body);
    expect(
      await casesDatabase.dataSource.query(
        `SELECT user_role, child_id, resource_id, outcome FROM audit_log WHERE route = '/v1/cases/{id}/history' ORDER BY id`,
      ),
    ).toEqual([
      { user_role: 'SOCIAL_WORKER', child_id: childId, resource_id: caseId, outcome: 200 },
      { user_role: 'FRONT_DOOR', child_id: childId, resource_id: caseId, outcome: 200 },
    ]);
  });

  it('answers 404 for an unknown case and 400 naming the field for an id that is not a UUID', async () => {
    const unknown = randomUUID();
    expect(ok(await history(unknown), 404).body.message).toEqual([`id: no case ${unknown}`]);
    expect(ok(await history('not-a-uuid'), 400).body).toEqual({ statusCode: 400, error: 'Bad Request', message: ['id: must be a UUID'] });
  });

  it('refuses every role the single read refuses (403), and a call without a token (401)', async () => {
    const caseId = randomUUID();
    for (const role of ['EARLY_HELP', 'SCHOOL', 'ANALYST', 'ADMIN'] as const) ok(await history(caseId, role), 403);
    ok(await request(cases.url).get(`/v1/cases/${caseId}/history`), 401);
  });

  it("answers an erased child's case as the single read does", async () => {
    const { caseId, childId } = await openCase('Erasedcase');
    ok(await send(intake, `/v1/children/${childId}/erasure`, 'ADMIN', { reason: 'Erasure request' }), 201);
    const single = await eventually(async () => ok(await send(cases, `/v1/cases/${caseId}`, 'SOCIAL_WORKER'), 410));
    expect(ok(await history(caseId), 410).body).toEqual(single.body);
  });
});
