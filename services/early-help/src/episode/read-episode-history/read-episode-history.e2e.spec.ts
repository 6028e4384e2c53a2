import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '@csc/contracts';
import { londonDateOf, nameBasedUuid } from '@csc/domain';
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
import { earlyHelpService } from '../../early-help.service-definition';

const SCHOOL_A = '100001';
const SCHOOL_C = '100003';
// A direct request opens the episode today, and nothing in it may be dated before then.
const TODAY = londonDateOf(new Date());

/** An episode a school asked for, walked by a practitioner from assessment to graduation, read back as its chronology. */
describe('GET /v1/early-help/episodes/{id}/history', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;
  let episodeId: string;
  const token = (role: Role, org = role === 'SCHOOL' ? SCHOOL_A : 'LA888') => testToken({ sub: `${role.toLowerCase()}-1`, role, org });
  const history = async (role: Role, org?: string, id = episodeId) =>
    request(service.url)
      .get(`/v1/early-help/episodes/${id}/history`)
      .set('Authorization', `Bearer ${await token(role, org)}`);
  const ok = <T extends { status: number; body: unknown }>(response: T, status: number): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('early-help-history'), suffix);
    database = await createTestDatabase('early_help_history', earlyHelpService.migrations);
    service = await startServiceUnderTest(earlyHelpService, { databaseUrl: database.url, topicSuffix: suffix });
    const asked = ok(
      await request(service.url)
        .post('/v1/early-help/requests')
        .set('Authorization', `Bearer ${await token('SCHOOL')}`)
        .send({
          child: { givenName: 'Noah', familyName: 'Historyfamily', dateOfBirth: '2015-05-05', sex: 'M' },
          reason: 'Worried about mornings',
          consent: { given: true },
        }),
      201,
    ).body;
    episodeId = asked.episodeId;
    let version: number = asked.version;
    const steps: [string, object][] = [
      ['assessment', { completedOn: TODAY, needs: ['GOOD_EDUCATION'] }],
      ['team', { leadPractitioner: 'Jo Lead', members: ['Sue Nurse'] }],
      ['plan', { agreedOn: TODAY, goals: ['Attendance above 90%'] }],
      ['outcomes-ladder', { scoredOn: TODAY, scores: { GOOD_EDUCATION: 3 } }],
      ['reviews', { heldOn: TODAY }],
      ['closure', { closedOn: TODAY, outcome: 'GRADUATED' }],
    ];
    for (const [path, body] of steps) {
      const response = await request(service.url)
        .post(`/v1/early-help/episodes/${episodeId}/${path}`)
        .set('Authorization', `Bearer ${await token('EARLY_HELP')}`)
        .set('If-Match', `"${version}"`)
        .send(body);
      version = ok(response, 201).body.version;
    }
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const summaryOf = (body: { entries: { eventType: string; what: string; by: object; version: number }[] }) =>
    body.entries.map(({ eventType, what, by, version }) => [version, eventType, what, by]);
  const PRACTITIONER = { role: 'EARLY_HELP', org: 'LA888' };
  const SCHOOL = { role: 'SCHOOL', org: SCHOOL_A };

  it('tells practitioners every step, oldest first, with the role and organisation of who did it', async () => {
    const response = ok(await history('EARLY_HELP'), 200);
    expect(response.headers.etag).toBe('"7"');
    expect(response.body).toMatchObject({ episodeId, version: 7 });
    expect(response.body.entries[0]).toEqual({
      at: expect.any(String),
      what: expect.any(String),
      by: SCHOOL,
      eventType: 'EarlyHelpEpisodeOpened',
      version: 1,
    });
    expect(summaryOf(response.body)).toEqual([
      [1, 'EarlyHelpEpisodeOpened', `Early help episode opened on ${TODAY} (asked for directly; the family's consent given)`, SCHOOL],
      [2, 'EarlyHelpAssessmentCompleted', `Early help assessment completed on ${TODAY}; needs: getting a good education`, PRACTITIONER],
      [3, 'TeamAroundTheFamilyFormed', `Team around the family formed on ${TODAY} (lead practitioner and 1 member recorded)`, PRACTITIONER],
      [4, 'EarlyHelpPlanAgreed', `Early help plan agreed on ${TODAY} with 1 goal`, PRACTITIONER],
      [5, 'OutcomesLadderScored', `Outcomes ladder scored on ${TODAY} (out of 10): getting a good education 3`, PRACTITIONER],
      [6, 'EarlyHelpReviewed', `Early help reviewed on ${TODAY}`, PRACTITIONER],
      [7, 'EarlyHelpEpisodeClosed', `Early help ended on ${TODAY}: graduated`, PRACTITIONER],
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/Noah|Historyfamily|Worried|Jo Lead|Sue Nurse|Attendance|early_help-1|school-1/);
    expect(ok(await history('ADMIN'), 200).body).toEqual(response.body);
  });

  it('tells the school that asked only the stages its single read shows', async () => {
    const response = ok(await history('SCHOOL', SCHOOL_A), 200);
    expect(summaryOf(response.body).map(([version, eventType]) => [version, eventType])).toEqual([
      [1, 'EarlyHelpEpisodeOpened'],
      [2, 'EarlyHelpAssessmentCompleted'],
      [3, 'TeamAroundTheFamilyFormed'],
      [4, 'EarlyHelpPlanAgreed'],
      [7, 'EarlyHelpEpisodeClosed'],
    ]);
    expect(response.body.entries[1].what).toBe(`Early help assessment completed on ${TODAY}`);
    expect(response.body.entries[4].what).toBe(`Early help ended on ${TODAY}: graduated`);
    // Audited as the single read is: the same child (none yet, for a direct request the child index has not seen) and record.
    await request(service.url)
      .get(`/v1/early-help/episodes/${episodeId}`)
      .set('Authorization', `Bearer ${await token('SCHOOL')}`);
    const rows = await database.dataSource.query(
      `SELECT route, child_id, resource_id, outcome FROM audit_log WHERE user_role = 'SCHOOL' AND route LIKE '/v1/early-help/episodes/{id}%' ORDER BY id`,
    );
    const audited = { child_id: rows[0]?.child_id, resource_id: episodeId, outcome: 200 };
    expect(rows).toEqual([
      { route: '/v1/early-help/episodes/{id}/history', ...audited },
      { route: '/v1/early-help/episodes/{id}', ...audited },
    ]);
  });

  it('answers another school as the single read does: 404, word for word', async () => {
    const single = await request(service.url)
      .get(`/v1/early-help/episodes/${episodeId}`)
      .set('Authorization', `Bearer ${await token('SCHOOL', SCHOOL_C)}`);
    const response = ok(await history('SCHOOL', SCHOOL_C), 404);
    expect(response.body).toEqual(single.body);
    expect(response.body.message).toEqual([`id: no early help episode ${episodeId}`]);
  });

  it('answers 404 for an unknown episode and 400 naming the field for an id that is not a UUID', async () => {
    const unknown = randomUUID();
    expect(ok(await history('EARLY_HELP', undefined, unknown), 404).body.message).toEqual([`id: no early help episode ${unknown}`]);
    expect(ok(await history('EARLY_HELP', undefined, 'not-a-uuid'), 400).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['id: must be a UUID'],
    });
  });

  it('refuses the roles the single read refuses (403), and a call without a token (401)', async () => {
    for (const role of ['FRONT_DOOR', 'SOCIAL_WORKER', 'ANALYST'] as const) ok(await history(role), 403);
    ok(await request(service.url).get(`/v1/early-help/episodes/${episodeId}/history`), 401);
  });
});

describe("GET /v1/early-help/episodes/{id}/history of an erased child's episode", () => {
  let intakeDatabase: TestDatabase;
  let earlyHelpDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let earlyHelp: ServiceUnderTest;
  const call = async (service: ServiceUnderTest, path: string, role: Role, body?: object) => {
    const authorised = (body ? request(service.url).post(path) : request(service.url).get(path)).set(
      'Authorization',
      `Bearer ${await testToken({ sub: 'u', role, org: role === 'SCHOOL' ? SCHOOL_A : 'LA888' })}`,
    );
    return body ? authorised.send(body) : authorised;
  };

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('early-help-history-erased'), suffix);
    intakeDatabase = await createTestDatabase('eh_history_intake', referralIntakeService.migrations);
    earlyHelpDatabase = await createTestDatabase('eh_history_episodes', earlyHelpService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    earlyHelp = await startServiceUnderTest(earlyHelpService, { databaseUrl: earlyHelpDatabase.url, topicSuffix: suffix });
  });
  afterAll(async () => {
    await earlyHelp?.stop();
    await intake?.stop();
    await intakeDatabase?.drop();
    await earlyHelpDatabase?.drop();
  });

  it('answers as the single read does once the child is erased', async () => {
    const referral = (
      await call(intake, '/v1/referrals', 'SCHOOL', {
        receivedAt: '2025-01-06T09:00:00Z',
        referrer: { source: '2A', organisationId: SCHOOL_A, name: 'Sam Example' },
        child: { givenName: 'Noah', familyName: 'Erasedfamily', dateOfBirth: '2015-05-05', sex: 'M', postcode: 'FY1 4QS' },
        concerns: { summary: 'Family under strain.' },
        consent: { given: true },
      })
    ).body;
    const decision = { outcome: 'STEP_DOWN_TO_EARLY_HELP', rationale: 'Needs met by early help.', decidedAt: '2025-01-07T10:00:00Z' };
    expect((await call(intake, `/v1/referrals/${referral.referralId}/decision`, 'FRONT_DOOR', decision)).status).toBe(200);
    const episodeId = nameBasedUuid(`episode-for-referral:${referral.referralId}`);
    await eventually(async () =>
      expect((await call(earlyHelp, `/v1/early-help/episodes/${episodeId}/history`, 'EARLY_HELP')).status).toBe(200),
    );

    expect((await call(intake, `/v1/children/${referral.childId}/erasure`, 'ADMIN', { reason: 'Erasure request' })).status).toBe(201);
    const single = await eventually(async () => {
      const response = await call(earlyHelp, `/v1/early-help/episodes/${episodeId}`, 'EARLY_HELP');
      expect(response.status).toBe(410);
      return response;
    });
    const response = await call(earlyHelp, `/v1/early-help/episodes/${episodeId}/history`, 'EARLY_HELP');
    expect([response.status, response.body]).toEqual([410, single.body]);
  });
});
