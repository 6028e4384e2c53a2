import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLES, type Role } from '@csc/contracts';
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

interface Item {
  episodeId: string;
  childId: string | null;
  stage: string;
  openedOn: string;
  nextDue: { what: string; dueOn: string } | null;
  overdue: boolean;
  version: number;
}

describe('early help episodes: GET /v1/early-help/episodes by next due date, keyset-paged, filtered, audited', () => {
  let intakeDatabase: TestDatabase;
  let earlyHelpDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let earlyHelp: ServiceUnderTest;
  let suffix: string;
  const token = (role: Role) => testToken({ sub: `${role.toLowerCase()}-1`, role, org: role === 'SCHOOL' ? '100001' : 'LA888' });
  const get = async (path: string, role: Role = 'EARLY_HELP') =>
    request(earlyHelp.url)
      .get(path)
      .set('Authorization', `Bearer ${await token(role)}`);
  const post = async (service: ServiceUnderTest, path: string, body: object, role: Role, ifMatch?: number) => {
    let call = request(service.url)
      .post(path)
      .set('Authorization', `Bearer ${await token(role)}`)
      .set('Idempotency-Key', randomUUID());
    if (ifMatch !== undefined) call = call.set('If-Match', `"${ifMatch}"`);
    return call.send(body);
  };
  const ok = <T extends { status: number; body: unknown }>(response: T, status = 200): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const list = async (query = ''): Promise<{ items: Item[]; next: string | null }> =>
    ok(await get(`/v1/early-help/episodes?${query}`)).body;
  const allIds = async (query = '') => (await list(`limit=200&${query}`)).items.map((item) => item.episodeId);
  const listed = (episodeId: string) =>
    eventually(async () => {
      const item = (await list('limit=200')).items.find((candidate) => candidate.episodeId === episodeId);
      expect(item).toBeDefined();
      return item!;
    });

  let children = 0;
  const child = () => {
    children += 1;
    return { givenName: 'Robin', familyName: `Episode${String.fromCharCode(64 + children)}`, dateOfBirth: '2016-03-04', sex: 'M' };
  };
  /** A family asks early help directly: the episode opens today. */
  const requestEarlyHelp = async (): Promise<{ episodeId: string; version: number }> =>
    ok(
      await post(
        earlyHelp,
        '/v1/early-help/requests',
        { child: child(), reason: 'Family under strain.', consent: { given: true } },
        'EARLY_HELP',
      ),
      201,
    ).body;
  /** The front door steps a referral down on `decidedAt`: early help opens the episode from the event, on that day. */
  const stepDown = async (decidedAt: string): Promise<Item> => {
    const referral = ok(
      await post(
        intake,
        '/v1/referrals',
        {
          receivedAt: decidedAt.replace(/T.*/, 'T08:00:00Z'),
          referrer: { source: '2A', organisationId: '100001', name: 'Sam Example' },
          child: { ...child(), postcode: 'FY1 4QS', schoolUrn: '100001' },
          concerns: { summary: 'Attendance falling.' },
          consent: { given: true },
        },
        'SCHOOL',
      ),
      201,
    ).body as { referralId: string };
    ok(
      await post(
        intake,
        `/v1/referrals/${referral.referralId}/decision`,
        { outcome: 'STEP_DOWN_TO_EARLY_HELP', rationale: 'Needs met by early help.', decidedAt },
        'FRONT_DOOR',
      ),
    );
    return listed(nameBasedUuid(`episode-for-referral:${referral.referralId}`));
  };
  const record = async (episode: { episodeId: string; version: number }, path: string, body: object) => {
    const response = ok(
      await post(earlyHelp, `/v1/early-help/episodes/${episode.episodeId}${path}`, body, 'EARLY_HELP', episode.version),
      201,
    );
    return { episodeId: episode.episodeId, version: response.body.version as number };
  };

  // O: stepped down in January 2025 (its assessment long overdue); P opened today; Q assessed today;
  // R has a plan today; S closed today (nothing due).
  let o: Item, p: Item, q: Item, r: Item, s: Item;
  const today = londonDateOf(new Date());

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('list-episodes'), suffix);
    intakeDatabase = await createTestDatabase('episodes_intake', referralIntakeService.migrations);
    earlyHelpDatabase = await createTestDatabase('episodes_list', earlyHelpService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    earlyHelp = await startServiceUnderTest(earlyHelpService, { databaseUrl: earlyHelpDatabase.url, topicSuffix: suffix });

    o = await stepDown('2025-01-07T10:00:00Z');
    p = await listed((await requestEarlyHelp()).episodeId);
    const assessed = await record(await requestEarlyHelp(), '/assessment', { completedOn: today, needs: ['GOOD_EDUCATION'] });
    q = await listed(assessed.episodeId);
    const planned = await record(
      await record(await requestEarlyHelp(), '/assessment', { completedOn: today, needs: ['GOOD_EDUCATION'] }),
      '/plan',
      { agreedOn: today, goals: ['Attendance above 90%'] },
    );
    r = await listed(planned.episodeId);
    const closed = await record(await requestEarlyHelp(), '/closure', { closedOn: today, outcome: 'NOT_PROGRESSED' });
    s = await listed(closed.episodeId);
  }, 120_000);
  afterAll(async () => {
    await earlyHelp?.stop();
    await intake?.stop();
    await intakeDatabase?.drop();
    await earlyHelpDatabase?.drop();
  });

  it('lists by next due date (assessment, plan, review), soonest first, episodes with nothing due last', async () => {
    expect(await allIds()).toEqual([o.episodeId, q.episodeId, p.episodeId, r.episodeId, s.episodeId]);
    expect(o).toEqual({
      episodeId: o.episodeId,
      childId: expect.any(String),
      stage: 'OPENED',
      openedOn: '2025-01-07',
      nextDue: { what: 'ASSESSMENT', dueOn: '2025-03-11' },
      overdue: true,
      version: 1,
    });
    expect(q).toMatchObject({ stage: 'ASSESSED', openedOn: today, nextDue: { what: 'PLAN' }, overdue: false, version: 2 });
    expect(p).toMatchObject({ stage: 'OPENED', nextDue: { what: 'ASSESSMENT' }, overdue: false, childId: null });
    expect(r).toMatchObject({ stage: 'PLAN_AGREED', nextDue: { what: 'REVIEW' }, overdue: false, version: 3 });
    expect(s).toMatchObject({ stage: 'CLOSED_NOT_PROGRESSED', nextDue: null, overdue: false });
    // The stage is the episode view's word.
    expect(ok(await get(`/v1/early-help/episodes/${r.episodeId}`)).body).toMatchObject({ stage: r.stage, version: r.version });
  });

  it('filters by stage', async () => {
    expect(await allIds('stage=OPENED')).toEqual([o.episodeId, p.episodeId]);
    expect(await allIds('stage=ASSESSED')).toEqual([q.episodeId]);
    expect(await allIds('stage=CLOSED_NOT_PROGRESSED')).toEqual([s.episodeId]);
    expect(await allIds('stage=CLOSED_GRADUATED')).toEqual([]);
  });

  it('pages with limit=2 while new episodes arrive: every episode there at the start exactly once, none repeated', async () => {
    const before = await allIds();
    const seen: string[] = [];
    const firstPage = await list('limit=2');
    expect(firstPage.items.map((item) => item.episodeId)).toEqual([o.episodeId, q.episodeId]);
    seen.push(...firstPage.items.map((item) => item.episodeId));
    // One arrives before the cursor (an offset would now repeat a row), one after it (it must be found).
    const early = await stepDown('2025-01-06T10:00:00Z');
    const late = await listed((await requestEarlyHelp()).episodeId);
    let next = firstPage.next;
    while (next) {
      const page = await list(`limit=2&after=${next}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.episodeId));
      next = page.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(before));
    expect(seen).toContain(late.episodeId);
    expect(seen).not.toContain(early.episodeId);
    expect(await allIds()).toContain(early.episodeId);
  });

  it.each([
    ['stage=CLOSED', /^stage: must be one of/],
    ['stage=', /^stage: must be one of/],
    ['limit=201', /^limit: /],
    ['after=x', /^after: /],
    ['overdue=true', /^overdue: is not a known field/],
  ])('refuses %s: 400 naming the field', async (query, message) => {
    const response = await get(`/v1/early-help/episodes?${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it.each([...ROLES])('as %s: only early help practitioners may list episodes', async (role) => {
    expect((await get('/v1/early-help/episodes?limit=1', role)).status).toBe(role === 'EARLY_HELP' ? 200 : 403);
  });

  it('puts every episode served in the audit trail, and refuses a caller with no token', async () => {
    const page = await list('limit=3');
    const trail = ok(await get('/v1/audit-log?userId=early_help-1&limit=200', 'ADMIN')).body.items as {
      route: string;
      resourceId: string;
      childId: string | null;
    }[];
    for (const item of page.items) {
      expect(trail).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ route: '/v1/early-help/episodes', resourceId: item.episodeId, childId: item.childId }),
        ]),
      );
    }
    expect((await request(earlyHelp.url).get('/v1/early-help/episodes')).status).toBe(401);
  });

  it('is rebuilt from the event log: emptied, the service lists every episode again when it starts', async () => {
    const before = (await list('limit=200')).items;
    await earlyHelpDatabase.dataSource.query('DELETE FROM episode_list');
    expect((await list('limit=200')).items).toEqual([]);
    await earlyHelp.stop();
    earlyHelp = await startServiceUnderTest(earlyHelpService, { databaseUrl: earlyHelpDatabase.url, topicSuffix: suffix });
    expect((await list('limit=200')).items).toEqual(before);
  });
});
