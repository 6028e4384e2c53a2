import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type CaseOpenedV1, type EventEnvelope, type Role } from '@csc/contracts';
import { eventually, testKafka } from '@csc/testing';
import { ReferralRepository } from '../referral.repository';
import { aReferralBody, expectStatus, ReferralIntakeHarness, SCHOOL_A, SCHOOL_B, SCHOOL_C } from '../../../test/referral-intake.harness';

interface QueueItem {
  referralId: string;
  childId: string;
  status: string;
  receivedAt: string;
  [field: string]: unknown;
}

interface QueuePage {
  items: QueueItem[];
  next: string | null;
}

describe("the front door's queue (GET /v1/referrals)", () => {
  let harness: ReferralIntakeHarness;
  let producer: Producer;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('referral_queue');
    producer = testKafka('referral-queue-test').producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await harness?.stop();
  });

  type Body = ReturnType<typeof aReferralBody>;
  const receive = async (body: Body, role: Role = 'FRONT_DOOR', org?: string): Promise<{ referralId: string; childId: string }> =>
    expectStatus(await harness.post('/v1/referrals', body, role, org), 201).body;
  const receivedAt = (receivedAt: string, overrides: Parameters<typeof aReferralBody>[0] = {}) =>
    aReferralBody({ receivedAt, ...overrides });
  const decide = async (referralId: string, decision: Record<string, unknown>) =>
    expectStatus(
      await harness.post(`/v1/referrals/${referralId}/decision`, { rationale: 'Considered at the front door.', ...decision }, 'FRONT_DOOR'),
      200,
    );
  const list = (query: string, role: Role = 'FRONT_DOOR', org?: string) => harness.get(`/v1/referrals?${query}`, role, org);
  const page = async (query: string, role: Role = 'FRONT_DOOR', org?: string): Promise<QueuePage> =>
    expectStatus(await list(query, role, org), 200).body;
  const idsOf = (found: QueuePage) => found.items.map((item) => item.referralId);
  /** Every page of a listing, followed to its end. */
  const everything = async (query = '', role: Role = 'FRONT_DOOR', org?: string): Promise<QueueItem[]> => {
    const items: QueueItem[] = [];
    for (let after: string | null = null, first = true; first || after; first = false) {
      const found: QueuePage = await page(`${query}&limit=200${after ? `&after=${after}` : ''}`, role, org);
      items.push(...found.items);
      after = found.next;
    }
    return items;
  };

  it('lists oldest first and pages with limit=2 while referrals arrive: none skipped, none repeated', async () => {
    const made = [];
    for (const time of ['09:00', '08:00', '11:00', '10:00', '12:00'])
      made.push({ time, ...(await receive(receivedAt(`2025-02-03T${time}:00Z`))) });
    const oldestFirst = [...made].sort((a, b) => a.time.localeCompare(b.time)).map((referral) => referral.referralId);
    const query = 'receivedFrom=2025-02-03&limit=2';

    const first = await page(query);
    expect(idsOf(first)).toEqual(oldestFirst.slice(0, 2));
    expect(first.next).toEqual(expect.any(String));
    const arrivedNow = [(await receive(aReferralBody())).referralId, (await receive(aReferralBody())).referralId];
    const second = await page(`${query}&after=${first.next}`);
    expect(idsOf(second)).toEqual(oldestFirst.slice(2, 4));
    // One recorded late, received before the pages already read: it takes its place in the order, and
    // nothing already served is served again (an offset would have shifted and repeated a row).
    const lateButEarlier = (await receive(receivedAt('2025-02-03T08:30:00Z'))).referralId;
    arrivedNow.push((await receive(aReferralBody())).referralId);

    const rest: string[] = [];
    for (let after = second.next; after;) {
      const next: QueuePage = await page(`${query}&after=${after}`);
      expect(next.items.length).toBeLessThanOrEqual(2);
      rest.push(...idsOf(next));
      after = next.next;
    }
    const paged = [...idsOf(first), ...idsOf(second), ...rest];
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual([...oldestFirst, ...arrivedNow]);

    const afresh = (await everything('receivedFrom=2025-02-03')).map((item) => item.referralId);
    expect(afresh).toEqual([oldestFirst[0], lateButEarlier, ...oldestFirst.slice(1), ...arrivedNow]);
  });

  it('filters by status, one or several (comma-separated or repeated); none given lists every status', async () => {
    const day = '2024-06-03';
    const waiting = await receive(receivedAt(`${day}T09:00:00Z`));
    const asked = await receive(receivedAt(`${day}T10:00:00Z`));
    expectStatus(
      await harness.post(`/v1/referrals/${asked.referralId}/information-requests`, { question: 'Who lives at home?' }, 'FRONT_DOOR'),
      201,
    );
    const decided = await receive(receivedAt(`${day}T11:00:00Z`));
    await decide(decided.referralId, { outcome: 'SIGNPOSTED' });
    const onDay = `receivedFrom=${day}&receivedTo=${day}`;

    const all = await page(onDay);
    expect(all.items.map((item) => [item.referralId, item.status])).toEqual([
      [waiting.referralId, 'RECEIVED'],
      [asked.referralId, 'AWAITING_INFORMATION'],
      [decided.referralId, 'DECIDED'],
    ]);
    expect(idsOf(await page(`${onDay}&status=RECEIVED`))).toEqual([waiting.referralId]);
    expect(idsOf(await page(`${onDay}&status=RECEIVED,AWAITING_INFORMATION`))).toEqual([waiting.referralId, asked.referralId]);
    expect(idsOf(await page(`${onDay}&status=AWAITING_INFORMATION&status=DECIDED`))).toEqual([asked.referralId, decided.referralId]);
  });

  it('filters by source, by the child’s school and by the day received (both ends included)', async () => {
    const police = await receive(
      receivedAt('2024-06-04T09:00:00Z', {
        referrer: { source: '6', organisationId: 'LANCS-POLICE', name: 'PC Example', role: 'Officer' },
      }),
    );
    const fromSchool = await receive(receivedAt('2024-06-04T10:00:00Z'));
    expect(idsOf(await page('receivedFrom=2024-06-04&receivedTo=2024-06-04&source=6'))).toEqual([police.referralId]);
    expect(idsOf(await page('receivedFrom=2024-06-04&receivedTo=2024-06-04&source=2A'))).toEqual([fromSchool.referralId]);

    const atC = await receive(receivedAt('2024-06-05T09:00:00Z', { child: { schoolUrn: SCHOOL_C } }));
    await receive(receivedAt('2024-06-05T10:00:00Z', { child: { schoolUrn: SCHOOL_B } }));
    expect(idsOf(await page(`receivedFrom=2024-06-05&receivedTo=2024-06-05&schoolUrn=${SCHOOL_C}`))).toEqual([atC.referralId]);

    // 23:30 UTC on 10 June is 00:30 on 11 June in England (BST): the day is England's.
    const tenth = await receive(receivedAt('2024-06-10T09:00:00Z'));
    const eleventh = await receive(receivedAt('2024-06-10T23:30:00Z'));
    const twelfth = await receive(receivedAt('2024-06-12T16:00:00Z'));
    expect(idsOf(await page('receivedFrom=2024-06-11&receivedTo=2024-06-11'))).toEqual([eleventh.referralId]);
    expect(idsOf(await page('receivedFrom=2024-06-11&receivedTo=2024-06-12'))).toEqual([eleventh.referralId, twelfth.referralId]);
    expect(idsOf(await page('receivedFrom=2024-06-10&receivedTo=2024-06-10'))).toEqual([tenth.referralId]);
  });

  it.each([
    ['status=OPEN', /^status: must be one of RECEIVED, AWAITING_INFORMATION, DECIDED$/],
    ['status=RECEIVED,WAITING', /^status: must be one of/],
    ['source=2Z', /^source: must be a CIN census ReferralSource code/],
    ['schoolUrn=12345', /^schoolUrn: must be a school's six-digit URN$/],
    ['schoolUrn=1000011', /^schoolUrn: /],
    ['receivedFrom=2025-02-30', /^receivedFrom: must be a real date as YYYY-MM-DD$/],
    ['receivedTo=yesterday', /^receivedTo: must be a real date as YYYY-MM-DD$/],
    ['receivedFrom=2025-03-02&receivedTo=2025-03-01', /^receivedFrom: must not be after receivedTo$/],
    ['limit=0', /^limit: /],
    ['limit=201', /^limit: /],
    ['after=not-a-cursor', /^after: must be the `next` of an earlier page of this list$/],
    [`after=${Buffer.from('[1,2]').toString('base64url')}`, /^after: must be the `next` of an earlier page of this list$/],
    ['nickname=Amy', /^nickname: is not a known field$/],
  ])('refuses %s with a 400 naming the field', async (query, message) => {
    const refused = expectStatus(await list(query), 400);
    expect(refused.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(message)] });
  });

  it('shows a school only the referrals it made, with what it may be told; other roles are refused', async () => {
    const day = 'receivedFrom=2024-07-01&receivedTo=2024-07-01';
    const byA = await receive(receivedAt('2024-07-01T09:00:00Z', { child: { schoolUrn: SCHOOL_A } }), 'SCHOOL', SCHOOL_A);
    const byB = await receive(
      receivedAt('2024-07-01T10:00:00Z', { referrer: { organisationId: SCHOOL_B }, child: { schoolUrn: SCHOOL_B } }),
      'SCHOOL',
      SCHOOL_B,
    );
    // Another agency whose code happens to equal school A's URN did not make a school's referral.
    const byPolice = await receive(
      receivedAt('2024-07-01T11:00:00Z', {
        referrer: { source: '6', organisationId: SCHOOL_A, name: 'PC Example' },
        child: { schoolUrn: SCHOOL_C },
      }),
    );

    const seenByA = await page(day, 'SCHOOL', SCHOOL_A);
    expect(idsOf(seenByA)).toEqual([byA.referralId]);
    expect(seenByA.items[0]).toEqual({
      referralId: byA.referralId,
      childId: byA.childId,
      status: 'RECEIVED',
      receivedAt: '2024-07-01T09:00:00.000Z',
      source: '2A',
      schoolUrn: SCHOOL_A,
      version: 2,
      child: { givenName: 'Amelia', familyName: expect.stringMatching(/^Testchild/) },
    });
    expect(idsOf(await page(day, 'SCHOOL', SCHOOL_B))).toEqual([byB.referralId]);
    // A filter narrows the school's own referrals; another school's URN matches none of them.
    expect(await page(`${day}&schoolUrn=${SCHOOL_B}`, 'SCHOOL', SCHOOL_A)).toEqual({ items: [], next: null });
    expect(await page(`${day}&source=6`, 'SCHOOL', SCHOOL_A)).toEqual({ items: [], next: null });
    expect(idsOf(await page(`${day}&schoolUrn=${SCHOOL_B}`))).toEqual([byB.referralId]);
    const everythingASees = (await everything('', 'SCHOOL', SCHOOL_A)).map((item) => item.referralId);
    expect(everythingASees).toContain(byA.referralId);
    expect(everythingASees).not.toContain(byB.referralId);
    expect(everythingASees).not.toContain(byPolice.referralId);

    for (const role of ['SOCIAL_WORKER', 'EARLY_HELP', 'ANALYST', 'ADMIN'] as const) expectStatus(await list(day, role), 403);
  });

  it('tells the front door how long each waited against its one working day, and whether the child was known, has a case, or was referred again', async () => {
    const childX = aReferralBody().child;
    // Friday 1 March 2024, decided 5 hours later as a CIN referral.
    const firstX = await receive(receivedAt('2024-03-01T10:00:00Z', { child: childX }));
    await decide(firstX.referralId, { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', decidedAt: '2024-03-01T15:00:00Z' });
    // Saturday 1 March 2025: on the same date a year later, so still within 12 months; due by the end of Monday.
    const againX = await receive(receivedAt('2025-03-01T10:00:00Z', { child: childX }));

    const childY = aReferralBody().child;
    const firstY = await receive(receivedAt('2024-03-01T10:00:00Z', { child: childY }));
    await decide(firstY.referralId, { outcome: 'SIGNPOSTED', decidedAt: '2024-03-05T10:00:00Z' });
    const againY = await receive(receivedAt('2024-09-02T10:00:00Z', { child: childY }));

    const childZ = aReferralBody().child;
    const firstZ = await receive(receivedAt('2023-01-02T10:00:00Z', { child: childZ }));
    await decide(firstZ.referralId, { outcome: 'NFA', primaryNeed: 'N4', decidedAt: '2023-01-03T10:00:00Z' });
    const againZ = await receive(receivedAt('2024-01-03T10:00:00Z', { child: childZ }));

    await publishCaseOpened(firstX.referralId, firstX.childId);
    const byId = async () => new Map((await everything()).map((item) => [item.referralId, item]));
    await eventually(async () => expect((await byId()).get(againX.referralId)?.openCase).toBe(true));
    const items = await byId();

    expect(items.get(firstX.referralId)).toMatchObject({
      status: 'DECIDED',
      version: 3,
      decidedAt: '2024-03-01T15:00:00.000Z',
      decisionDue: '2024-03-04T10:00:00.000Z',
      workingHoursWaiting: 5,
      overdue: false,
      childKnown: false,
      openCase: true,
      reReferral: false,
    });
    expect(items.get(againX.referralId)).toMatchObject({
      childId: firstX.childId,
      status: 'RECEIVED',
      decidedAt: null,
      decisionDue: '2025-03-04T00:00:00.000Z',
      overdue: true,
      childKnown: true,
      openCase: true,
      reReferral: true,
      child: { givenName: 'Amelia', familyName: childX.familyName },
    });
    expect(items.get(againX.referralId)!.workingHoursWaiting).toBeGreaterThan(24);
    // Decided four days later: Friday to Tuesday is two working days, twice the one allowed.
    expect(items.get(firstY.referralId)).toMatchObject({ workingHoursWaiting: 48, overdue: true, openCase: false });
    // Its earlier referral was not a CIN referral.
    expect(items.get(againY.referralId)).toMatchObject({ childId: firstY.childId, childKnown: true, openCase: false, reReferral: false });
    // Its earlier CIN referral was more than 12 months before (2 January 2023 to 3 January 2024).
    expect(items.get(againZ.referralId)).toMatchObject({ childId: firstZ.childId, childKnown: true, reReferral: false });

    // Every referral listed is in the audit trail, by child and referral.
    const audited: { child_id: string; resource_id: string }[] = await harness.database.dataSource.query(
      `SELECT child_id, resource_id FROM audit_log WHERE route = '/v1/referrals' AND user_role = 'FRONT_DOOR' AND outcome = 200`,
    );
    expect(audited).toEqual(expect.arrayContaining([{ child_id: againX.childId, resource_id: againX.referralId }]));
  });

  it('is rebuilt from the event log: emptied, every referral is listed again as it was kept', async () => {
    const steady = (items: QueueItem[]) => items.map(({ workingHoursWaiting: _moving, ...item }) => item);
    const before = steady(await everything());
    expect(before.length).toBeGreaterThan(20);
    await harness.database.dataSource.query('DELETE FROM referral_queue');
    expect(await everything()).toEqual([]);
    // What a start does (AggregateStore.catchUpLists): every referral without a row is folded from its events.
    expect(await harness.service.app.get(ReferralRepository).streams.catchUpLists()).toBe(before.length);
    expect(steady(await everything())).toEqual(before);
  });

  const publishCaseOpened = async (referralId: string, childId: string) => {
    const caseId = randomUUID();
    const data: CaseOpenedV1 = {
      caseId,
      childId,
      referralId,
      referralDate: '2024-03-01',
      primaryNeed: 'N1',
      source: '2A',
      referrerOrganisationId: SCHOOL_A,
      child: { ageAtReferral: 9, unborn: false, sex: 'F', schoolUrn: SCHOOL_B },
      consentGiven: true,
      subject: { child: { givenName: 'Amelia', familyName: 'Testchild' } },
    };
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type: 'CaseOpened',
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      streamId: `case-${caseId}`,
      streamVersion: 1,
      childId,
      correlationId: randomUUID(),
      causationId: null,
      actor: { sub: 'social-worker', role: 'SOCIAL_WORKER', org: 'LA888' },
      data,
    };
    await producer.send({
      topic: harness.topic.replace(TOPICS.referralIntake, TOPICS.caseProgression),
      messages: [{ key: childId, value: JSON.stringify(await harness.sealed(envelope)) }],
    });
  };
});
