import type { Producer } from 'kafkajs';
import request from 'supertest';
import { TOPICS, type Role } from '@csc/contracts';
import { nameBasedUuid } from '@csc/domain';
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
import { earlyHelpService } from '../early-help.service-definition';

describe('early help episodes, over HTTP and Kafka', () => {
  let intakeDatabase: TestDatabase;
  let earlyHelpDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let earlyHelp: ServiceUnderTest;
  let probe: TopicProbe;
  let producer: Producer;
  let suffix: string;
  const token = (role: Role, org = role === 'SCHOOL' ? '100001' : 'LA888') => testToken({ sub: `${role.toLowerCase()}-1`, role, org });

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    const kafka = testKafka('early-help-e2e');
    await createServiceTopics(kafka, suffix);
    intakeDatabase = await createTestDatabase('eh_intake', referralIntakeService.migrations);
    earlyHelpDatabase = await createTestDatabase('eh_episodes', earlyHelpService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    earlyHelp = await startServiceUnderTest(earlyHelpService, { databaseUrl: earlyHelpDatabase.url, topicSuffix: suffix });
    probe = await TopicProbe.start(kafka, [`${TOPICS.referralIntake}${suffix}`, `${TOPICS.earlyHelp}${suffix}`]);
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    await earlyHelp?.stop();
    await intake?.stop();
    await intakeDatabase?.drop();
    await earlyHelpDatabase?.drop();
  });

  const send = async (
    service: ServiceUnderTest,
    path: string,
    body: object,
    role: Role,
    options: { ifMatch?: number; org?: string } = {},
  ) => {
    let call = request(service.url)
      .post(path)
      .set('Authorization', `Bearer ${await token(role, options.org)}`);
    if (options.ifMatch !== undefined) call = call.set('If-Match', `"${options.ifMatch}"`);
    return call.send(body);
  };
  const read = async (service: ServiceUnderTest, path: string, role: Role, org?: string) =>
    request(service.url)
      .get(path)
      .set('Authorization', `Bearer ${await token(role, org)}`);
  const ok = <T extends { status: number; body: { version?: number } }>(response: T, status = 201): T => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const stepDownReferral = async (familyName: string) => {
    const referral = ok(
      await send(
        intake,
        '/v1/referrals',
        {
          receivedAt: '2025-01-06T09:00:00Z',
          referrer: { source: '2A', organisationId: '100001', name: 'Sam Example' },
          child: { givenName: 'Noah', familyName, dateOfBirth: '2015-05-05', sex: 'M', postcode: 'FY1 4QS', schoolUrn: '100001' },
          concerns: { summary: 'Attendance falling; family under strain.' },
          consent: { given: true },
        },
        'SCHOOL',
      ),
    ).body;
    ok(
      await send(
        intake,
        `/v1/referrals/${referral.referralId}/decision`,
        { outcome: 'STEP_DOWN_TO_EARLY_HELP', rationale: 'Needs met by early help.', decidedAt: '2025-01-07T10:00:00Z' },
        'FRONT_DOOR',
      ),
      200,
    );
    return { ...referral, episodeId: nameBasedUuid(`episode-for-referral:${referral.referralId}`) } as {
      referralId: string;
      childId: string;
      episodeId: string;
    };
  };

  it('takes a stepped-down family through assessment, team, plan, three ladder readings and two reviews to graduation', async () => {
    const { episodeId, childId } = await stepDownReferral('Graduate');
    const opened = await eventually(async () => ok(await read(earlyHelp, `/v1/early-help/episodes/${episodeId}`, 'EARLY_HELP'), 200).body);
    expect(opened).toMatchObject({
      stage: 'OPENED',
      origin: 'REFERRAL_STEP_DOWN',
      childId,
      openedOn: '2025-01-07',
      child: { givenName: 'Noah', schoolUrn: '100001' },
    });

    let version: number = opened.version;
    const write = async (path: string, body: object) => {
      const response = ok(await send(earlyHelp, `/v1/early-help/episodes/${episodeId}${path}`, body, 'EARLY_HELP', { ifMatch: version }));
      version = response.body.version!;
    };
    await write('/assessment', {
      completedOn: '2025-01-14',
      needs: ['GOOD_EDUCATION', 'FAMILY_RELATIONSHIPS', 'MENTAL_AND_PHYSICAL_HEALTH'],
    });
    await write('/team', { leadPractitioner: 'Jo Lead', members: ['School nurse', 'Family support worker'] });
    await write('/plan', { agreedOn: '2025-01-20', goals: ['Attendance above 90%', 'Calmer mornings'] });
    await write('/outcomes-ladder', {
      scoredOn: '2025-01-20',
      scores: { GOOD_EDUCATION: 3, FAMILY_RELATIONSHIPS: 4, MENTAL_AND_PHYSICAL_HEALTH: 5 },
    });
    await write('/reviews', { heldOn: '2025-03-17' });
    await write('/outcomes-ladder', {
      scoredOn: '2025-03-17',
      scores: { GOOD_EDUCATION: 5, FAMILY_RELATIONSHIPS: 5, MENTAL_AND_PHYSICAL_HEALTH: 5 },
    });
    await write('/reviews', { heldOn: '2025-05-19' });
    await write('/outcomes-ladder', {
      scoredOn: '2025-05-19',
      scores: { GOOD_EDUCATION: 8, FAMILY_RELATIONSHIPS: 7, MENTAL_AND_PHYSICAL_HEALTH: 4 },
    });
    await write('/closure', { closedOn: '2025-05-30', outcome: 'GRADUATED' });

    const graduated = ok(await read(earlyHelp, `/v1/early-help/episodes/${episodeId}`, 'EARLY_HELP'), 200).body;
    expect(graduated).toMatchObject({
      stage: 'CLOSED_GRADUATED',
      leadPractitioner: 'Jo Lead',
      needs: ['GOOD_EDUCATION', 'FAMILY_RELATIONSHIPS', 'MENTAL_AND_PHYSICAL_HEALTH'],
      reviews: ['2025-03-17', '2025-05-19'],
      ladder: {
        readings: 3,
        first: { scoredOn: '2025-01-20' },
        latest: { scoredOn: '2025-05-19' },
        distanceTravelled: { GOOD_EDUCATION: 5, FAMILY_RELATIONSHIPS: 3, MENTAL_AND_PHYSICAL_HEALTH: -1 },
      },
      closure: { closedOn: '2025-05-30', outcome: 'GRADUATED' },
    });
    await eventually(() =>
      expect(
        probe
          .on(`${TOPICS.earlyHelp}${suffix}`)
          .filter((message) => message.key === childId)
          .map((message) => message.headers['event-type']),
      ).toEqual([
        'EarlyHelpEpisodeOpened',
        'EarlyHelpAssessmentCompleted',
        'TeamAroundTheFamilyFormed',
        'EarlyHelpPlanAgreed',
        'OutcomesLadderScored',
        'EarlyHelpReviewed',
        'OutcomesLadderScored',
        'EarlyHelpReviewed',
        'OutcomesLadderScored',
        'EarlyHelpEpisodeClosed',
      ]),
    );
    // Rules a practitioner expects, over HTTP: nothing after closure; a ladder score of 11 is refused.
    expect(
      (await send(earlyHelp, `/v1/early-help/episodes/${episodeId}/reviews`, { heldOn: '2025-06-02' }, 'EARLY_HELP', { ifMatch: version }))
        .status,
    ).toBe(422);
    const eleven = await send(
      earlyHelp,
      `/v1/early-help/episodes/${episodeId}/outcomes-ladder`,
      { scoredOn: '2025-06-02', scores: { GOOD_EDUCATION: 11 } },
      'EARLY_HELP',
      { ifMatch: version },
    );
    expect(eleven.status).toBe(400);
    expect(eleven.body.message[0]).toMatch(/^scores: must score one or more of the ten outcome areas/);
  });

  it('opens no second episode when the step-down is redelivered or republished', async () => {
    const { episodeId, referralId, childId } = await stepDownReferral('Redelivered');
    await eventually(async () => ok(await read(earlyHelp, `/v1/early-help/episodes/${episodeId}`, 'EARLY_HELP'), 200));
    const topic = `${TOPICS.referralIntake}${suffix}`;
    const decision = probe
      .on(topic)
      .find((message) => message.headers['event-type'] === 'ReferralDecided' && message.value!.includes(referralId))!;
    await producer.send({ topic, messages: [{ key: childId, value: decision.value, headers: decision.headers }] });
    await producer.send({
      topic,
      messages: [
        { key: childId, value: JSON.stringify({ ...JSON.parse(decision.value!), eventId: '6e6e6e6e-0000-4000-8000-000000000001' }) },
      ],
    });
    await eventually(async () =>
      expect(
        await earlyHelpDatabase.dataSource.query(`SELECT 1 FROM inbox WHERE event_id = '6e6e6e6e-0000-4000-8000-000000000001'`),
      ).toHaveLength(1),
    );
    const [{ opened }] = await earlyHelpDatabase.dataSource.query(
      `SELECT count(*)::int AS opened FROM events WHERE type = 'EarlyHelpEpisodeOpened' AND child_id = $1`,
      [childId],
    );
    expect(opened).toBe(1);
  });

  it("takes a school's direct request (with consent) through step-up into a new 5D referral at the front door", async () => {
    const child = { givenName: 'Maya', familyName: `Direct${Date.now()}`, dateOfBirth: '2016-09-09', sex: 'F', postcode: 'FY2 0AA' };
    const noConsent = await send(
      earlyHelp,
      '/v1/early-help/requests',
      { child, reason: 'Low mood, attendance.', consent: { given: false } },
      'SCHOOL',
    );
    expect(noConsent.status).toBe(422);
    const { episodeId, version } = ok(
      await send(earlyHelp, '/v1/early-help/requests', { child, reason: 'Low mood, attendance.', consent: { given: true } }, 'SCHOOL'),
    ).body;

    // The school sees the stage of the episode it asked for, nothing more; another school sees nothing.
    expect(ok(await read(earlyHelp, `/v1/early-help/episodes/${episodeId}`, 'SCHOOL'), 200).body).toEqual({
      episodeId,
      stage: 'OPENED',
      openedOn: expect.any(String),
      closedOn: null,
      version,
    });
    expect((await read(earlyHelp, `/v1/early-help/episodes/${episodeId}`, 'SCHOOL', '100003')).status).toBe(404);
    expect(
      (
        await send(
          earlyHelp,
          `/v1/early-help/episodes/${episodeId}/assessment`,
          { completedOn: '2025-01-01', needs: ['GOOD_EDUCATION'] },
          'SCHOOL',
          { ifMatch: version },
        )
      ).status,
    ).toBe(403);

    const today = new Date().toISOString().slice(0, 10);
    const steppedUp = ok(
      await send(earlyHelp, `/v1/early-help/episodes/${episodeId}/step-up`, { on: today, reason: 'Disclosure at school.' }, 'EARLY_HELP', {
        ifMatch: version,
      }),
    ).body;
    expect(steppedUp.recorded).toEqual(['EarlyHelpSteppedUp', 'EarlyHelpEpisodeClosed']);
    expect(ok(await read(earlyHelp, `/v1/early-help/episodes/${episodeId}`, 'SCHOOL'), 200).body.stage).toBe('CLOSED_STEPPED_UP');

    const referralId = nameBasedUuid(`referral-from-early-help:${episodeId}`);
    const referral = await eventually(async () => ok(await read(intake, `/v1/referrals/${referralId}`, 'FRONT_DOOR'), 200).body);
    expect(referral).toMatchObject({
      status: 'RECEIVED',
      referrer: { source: '5D' },
      steppedUpFromEarlyHelpEpisodeId: episodeId,
      concerns: { summary: 'Disclosure at school.' },
      child: { givenName: 'Maya' },
    });
  });
});
