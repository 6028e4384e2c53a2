import type { Producer } from 'kafkajs';
import request from 'supertest';
import { TOPICS, type Role } from '@csc/contracts';
import {
  createServiceTopics,
  createTestDatabase,
  eventually,
  startServiceUnderTest,
  testKafka,
  testToken,
  TopicProbe,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { caseProgressionService } from '../case-progression.service-definition';

describe('a child from a posted referral to case closure, over HTTP and Kafka', () => {
  let intakeDatabase: TestDatabase;
  let casesDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let cases: ServiceUnderTest;
  let probe: TopicProbe;
  let producer: Producer;
  let suffix: string;
  const token = (role: Role) => testToken({ sub: `${role.toLowerCase()}-1`, role, org: role === 'SCHOOL' ? '100001' : 'LA888' });

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    const kafka = testKafka('case-lifecycle');
    await createServiceTopics(kafka, suffix);
    intakeDatabase = await createTestDatabase('lifecycle_intake', referralIntakeService.migrations);
    casesDatabase = await createTestDatabase('lifecycle_cases', caseProgressionService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    cases = await startServiceUnderTest(caseProgressionService, { databaseUrl: casesDatabase.url, topicSuffix: suffix });
    probe = await TopicProbe.start(kafka, [`${TOPICS.referralIntake}${suffix}`, `${TOPICS.caseProgression}${suffix}`]);
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    await cases?.stop();
    await intake?.stop();
    await intakeDatabase?.drop();
    await casesDatabase?.drop();
  });

  const post = async (service: ServiceUnderTest, path: string, body: object, role: Role, ifMatch?: number) => {
    let call = request(service.url)
      .post(path)
      .set('Authorization', `Bearer ${await token(role)}`);
    if (ifMatch !== undefined) call = call.set('If-Match', `"${ifMatch}"`);
    return call.send(body);
  };
  const get = async (service: ServiceUnderTest, path: string, role: Role) =>
    request(service.url)
      .get(path)
      .set('Authorization', `Bearer ${await token(role)}`);
  const ok = <T extends { status: number; body: { version?: number } }>(response: T, status = 201): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  const referAndAccept = async (familyName: string) => {
    const referral = ok(
      await post(
        intake,
        '/v1/referrals',
        {
          receivedAt: '2025-01-03T09:00:00Z',
          referrer: { source: '2A', organisationId: '100001', name: 'Sam Example' },
          child: { givenName: 'Amelia', familyName, dateOfBirth: '2014-06-01', sex: 'F', postcode: 'FY1 4QS', schoolUrn: '100002' },
          concerns: { summary: 'Disclosure of harm at home.', factors: ['19C'] },
          consent: { given: false, notRequiredReason: 'Risk of significant harm' },
        },
        'SCHOOL',
      ),
    ).body;
    ok(
      await post(
        intake,
        `/v1/referrals/${referral.referralId}/decision`,
        { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Significant harm.', decidedAt: '2025-01-03T15:00:00Z' },
        'FRONT_DOOR',
      ),
      200,
    );
    return referral as { referralId: string; childId: string };
  };
  const caseOf = (childId: string) =>
    eventually(async () => {
      const response = ok(await get(cases, `/v1/children/${childId}/cases`, 'SOCIAL_WORKER'), 200);
      expect(response.body).toHaveLength(1);
      return response.body[0];
    });

  it('opens the case, keeps every step and its due dates, and closes it', async () => {
    const { childId, referralId } = await referAndAccept('Lifecycle');
    const opened = await caseOf(childId);
    expect(opened).toMatchObject({
      status: 'OPEN',
      stage: 'OPEN',
      referralDate: '2025-01-03',
      referralIds: [referralId],
      primaryNeed: 'N1',
    });
    // 45 working days from Friday 3 January 2025, and long past as of today.
    expect(opened.dueDates).toMatchObject({
      assessmentDueDate: '2025-03-07',
      assessmentOverdue: true,
      icpcDueDate: null,
      nextCpReviewDueDate: null,
    });

    const caseId: string = opened.caseId;
    let version: number = opened.version;
    const write = async (path: string, body: object) => {
      const response = ok(await post(cases, `/v1/cases/${caseId}${path}`, body, 'SOCIAL_WORKER', version));
      version = response.body.version!;
      return response.body;
    };

    const { assessmentId } = await write('/assessments', { startedAt: '2025-01-06' });
    const { section47Id } = await write('/strategy-discussions', { heldOn: '2025-01-07', section47: true });
    const duringS47 = ok(await get(cases, `/v1/cases/${caseId}`, 'SOCIAL_WORKER'), 200).body;
    expect(duringS47.dueDates).toMatchObject({ icpcDueDate: '2025-01-28', icpcOverdue: true });
    expect(duringS47.stage).toBe('SECTION_47');

    await write(`/section47/${section47Id}/outcome`, { concludedOn: '2025-01-17', icpcRequired: true });
    const { cpPlanId } = await write('/conferences', { heldOn: '2025-01-27', childProtectionPlan: true, category: 'SAB' });
    expect(ok(await get(cases, `/v1/cases/${caseId}`, 'SOCIAL_WORKER'), 200).body.dueDates).toMatchObject({
      icpcDueDate: null,
      nextCpReviewDueDate: '2025-04-27',
    });
    await write(`/assessments/${assessmentId}/completion`, {
      authorisedAt: '2025-02-14',
      factors: ['19C', '3B'],
      outcome: 'CHILD_IN_NEED',
    });
    await write(`/cp-plans/${cpPlanId}/reviews`, { heldOn: '2025-04-25' });
    expect(ok(await get(cases, `/v1/cases/${caseId}`, 'SOCIAL_WORKER'), 200).body.dueDates.nextCpReviewDueDate).toBe('2025-10-25');
    await write(`/cp-plans/${cpPlanId}/reviews`, { heldOn: '2025-10-24', latestCategory: 'EMO' });
    await write(`/cp-plans/${cpPlanId}/end`, { endedOn: '2026-01-16' });
    const { cinPlanId } = await write('/cin-plans', { startedOn: '2026-01-16' });
    // After the ICPC and the CP plan, the child is on a CIN plan (not still "in Section 47").
    expect(ok(await get(cases, `/v1/cases/${caseId}`, 'SOCIAL_WORKER'), 200).body.stage).toBe('CHILD_IN_NEED_PLAN');
    await write(`/cin-plans/${cinPlanId}/end`, { endedOn: '2026-03-02' });
    await write('/closure', { closedOn: '2026-03-31', reason: 'RC7' });

    const closed = ok(await get(cases, `/v1/cases/${caseId}`, 'SOCIAL_WORKER'), 200).body;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      stage: 'CLOSED',
      closure: { closedOn: '2026-03-31', reason: 'RC7' },
      dueDates: { assessmentDueDate: null, icpcDueDate: null, nextCpReviewDueDate: null },
    });
    expect(closed.cpPlans[0]).toMatchObject({ latestCategory: 'EMO', reviews: ['2025-04-25', '2025-10-24'], endedOn: '2026-01-16' });

    const expectedOnTopic = [
      'CaseOpened',
      'AssessmentStarted',
      'StrategyDiscussionHeld',
      'Section47Concluded',
      'ChildProtectionConferenceHeld',
      'ChildProtectionPlanStarted',
      'AssessmentCompleted',
      'ChildProtectionPlanReviewed',
      'ChildProtectionPlanReviewed',
      'ChildProtectionPlanEnded',
      'ChildInNeedPlanStarted',
      'ChildInNeedPlanEnded',
      'CaseClosed',
    ];
    await eventually(() =>
      expect(
        probe
          .on(`${TOPICS.caseProgression}${suffix}`)
          .filter((message) => message.key === childId)
          .map((message) => message.headers['event-type']),
      ).toEqual(expectedOnTopic),
    );
    const completed = probe
      .on(`${TOPICS.caseProgression}${suffix}`)
      .find((message) => message.key === childId && message.headers['event-type'] === 'ChildProtectionConferenceHeld');
    expect(JSON.parse(completed!.value!).data).toMatchObject({ workingDaysFromStrategyDiscussion: 14, withinTimescale: true, section47Id });

    // Personal data only inside data.subject, in every event of both services about this child.
    const aboutChild = probe.messages.filter((message) => message.key === childId).map((message) => JSON.parse(message.value!));
    expect(aboutChild.length).toBeGreaterThanOrEqual(13 + 3);
    for (const event of aboutChild) {
      const { subject: _subject, ...outsideSubject } = event.data;
      expect(JSON.stringify({ ...event, data: outsideSubject })).not.toMatch(
        /Amelia|Lifecycle|2014-06-01|FY1 4QS|Sam Example|Disclosure of harm/,
      );
    }

    // Nothing after closure (2990/8565: a census rule, so 422); a stale If-Match is 409, a missing one 400.
    const after = await post(cases, `/v1/cases/${caseId}/cin-plans`, { startedOn: '2026-04-01' }, 'SOCIAL_WORKER', version);
    expect(after.status).toBe(422);
    expect(after.body.message[0]).toMatch(/nothing more can be recorded \[nothing-after-closure\] \(CIN census rule 8565\)/);
    const stale = await post(cases, `/v1/cases/${caseId}/cin-plans`, { startedOn: '2026-04-01' }, 'SOCIAL_WORKER', version - 1);
    expect(stale.status).toBe(409);
    expect(stale.headers.etag).toBe(`"${version}"`);
    const missing = await post(cases, `/v1/cases/${caseId}/cin-plans`, { startedOn: '2026-04-01' }, 'SOCIAL_WORKER');
    expect([missing.status, missing.body.message]).toEqual([
      400,
      ['If-Match: required: the version from your last read or write of this record (its ETag)'],
    ]);
  });

  it('refuses a conference on a Sunday, naming the census rule, and tells a school nothing', async () => {
    const { childId } = await referAndAccept('Sunday');
    const opened = await caseOf(childId);
    const sunday = await post(
      cases,
      `/v1/cases/${opened.caseId}/conferences`,
      { heldOn: '2025-01-26', childProtectionPlan: false },
      'SOCIAL_WORKER',
      opened.version,
    );
    expect(sunday.status).toBe(422);
    expect(sunday.body.message).toEqual([
      'heldOn: a child protection conference cannot be held at a weekend [icpc-not-at-weekend] (CIN census rule 8875)',
    ]);
    expect((await get(cases, `/v1/cases/${opened.caseId}`, 'SCHOOL')).status).toBe(403);
    expect(
      (await post(cases, `/v1/cases/${opened.caseId}/closure`, { closedOn: '2025-02-01', reason: 'RC7' }, 'ANALYST', opened.version))
        .status,
    ).toBe(403);
  });

  it('lets only one of two writes made on the same version succeed', async () => {
    const { childId } = await referAndAccept('Racing');
    const opened = await caseOf(childId);
    const [first, second] = await Promise.all([
      post(cases, `/v1/cases/${opened.caseId}/cin-plans`, { startedOn: '2025-02-01' }, 'SOCIAL_WORKER', opened.version),
      post(cases, `/v1/cases/${opened.caseId}/assessments`, { startedAt: '2025-01-06' }, 'FRONT_DOOR', opened.version),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.body.currentVersion).toBe(opened.version + 1);
  });

  it('opens no second case when the decision is redelivered or republished', async () => {
    const { childId, referralId } = await referAndAccept('Redelivered');
    await caseOf(childId);
    const decision = probe
      .on(`${TOPICS.referralIntake}${suffix}`)
      .find((message) => message.headers['event-type'] === 'ReferralDecided' && message.value!.includes(referralId))!;
    const envelope = JSON.parse(decision.value!);
    const topic = `${TOPICS.referralIntake}${suffix}`;
    await producer.send({ topic, messages: [{ key: childId, value: decision.value, headers: decision.headers }] }); // same event id
    await producer.send({
      topic,
      messages: [{ key: childId, value: JSON.stringify({ ...envelope, eventId: '5e5e5e5e-0000-4000-8000-000000000001' }) }],
    }); // same decision, new id
    // Both copies share the child's key, so one partition, in order: once the second is in the inbox, both were handled.
    await eventually(async () =>
      expect(
        await casesDatabase.dataSource.query(`SELECT 1 FROM inbox WHERE event_id = '5e5e5e5e-0000-4000-8000-000000000001'`),
      ).toHaveLength(1),
    );
    const [{ cases: count }] = await casesDatabase.dataSource.query(`SELECT count(*)::int AS cases FROM child_cases WHERE child_id = $1`, [
      childId,
    ]);
    expect(count).toBe(1);
    const [{ opened }] = await casesDatabase.dataSource.query(
      `SELECT count(*)::int AS opened FROM events WHERE type = 'CaseOpened' AND child_id = $1`,
      [childId],
    );
    expect(opened).toBe(1);
  });
});
