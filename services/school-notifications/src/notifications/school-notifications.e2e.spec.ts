import request from 'supertest';
import { TOPICS, type Role } from '@csc/contracts';
import { serviceGroupId } from '@csc/messaging';
import { eventually, startServices, testToken, TopicProbe, type ServicesUnderTest } from '@csc/testing';
import { startReceiver } from '../../../../examples/school-webhook-receiver/src/receiver';
import type { SchoolNotification } from '../../../../examples/school-webhook-receiver/src/verify-webhook';
import { caseProgressionService } from '../../../case-progression/src/case-progression.service-definition';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { schoolNotificationsService } from '../school-notifications.service-definition';

const SCHOOL_A = '100001'; // refers
const SCHOOL_B = '100002'; // the child is on its roll
const SCHOOL_C = '100003'; // neither

const byId = (left: { id: string }, right: { id: string }) => left.id.localeCompare(right.id);

describe('schools are told how their referral and their pupil’s case progress, and no more', () => {
  let running: ServicesUnderTest;
  const services = () => running.services;
  /** What each school's webhook received, verified by the example receiver (it answers 401 to a bad signature). */
  const arrived: Record<string, SchoolNotification[]> = { [SCHOOL_A]: [], [SCHOOL_B]: [], [SCHOOL_C]: [] };
  const refused: string[] = [];
  const receivers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    // The schools' receivers listen on 127.0.0.1: reachable only with the development setting.
    running = await startServices('notify', [referralIntakeService, caseProgressionService, schoolNotificationsService], {
      'school-notifications': { WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' },
    });
    for (const urn of [SCHOOL_A, SCHOOL_B, SCHOOL_C]) {
      // The secret is known only once the school is registered; the receiver reads it when a webhook arrives.
      let secret = '';
      const receiver = await startReceiver({
        secret: () => secret,
        onNotification: (notification) => void arrived[urn].push(notification),
        log: (line) => refused.push(line),
      });
      receivers.push(receiver);
      const registered = await request(services()['school-notifications'].url)
        .post('/v1/schools')
        .set('Authorization', await auth('ADMIN'))
        .send({ urn, name: `School ${urn}`, webhookUrl: receiver.url });
      expect(registered.status).toBe(201);
      secret = registered.body.webhookSecret;
    }
  });
  afterAll(async () => {
    await running?.stop();
    for (const receiver of receivers) await receiver.close();
  });

  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;
  const post = async (service: string, path: string, body: object, role: Role, org?: string, ifMatch?: number) => {
    let call = request(services()[service].url)
      .post(path)
      .set('Authorization', await auth(role, org));
    if (ifMatch !== undefined) call = call.set('If-Match', `"${ifMatch}"`);
    const response = await call.send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const inbox = async (school: string, query = '') =>
    request(services()['school-notifications'].url)
      .get(`/v1/schools/${school}/notifications${query}`)
      .set('Authorization', await auth('SCHOOL', school));

  it('tells the referring school and the pupil’s school each exactly what they may know; another school nothing', async () => {
    const referral = await post(
      'referral-intake',
      '/v1/referrals',
      {
        receivedAt: '2025-01-03T09:00:00Z',
        referrer: { source: '2A', organisationId: SCHOOL_A, name: 'Sam Example', role: 'DSL' },
        child: {
          givenName: 'Notia',
          familyName: 'Schoolchild',
          dateOfBirth: '2014-06-01',
          sex: 'F',
          postcode: 'FY1 4QS',
          schoolUrn: SCHOOL_B,
        },
        concerns: { summary: 'Disclosure of physical harm at home.', factors: ['2B'] },
        consent: { given: true },
      },
      'SCHOOL',
      SCHOOL_A,
    );
    await post(
      'referral-intake',
      `/v1/referrals/${referral.referralId}/decision`,
      { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Significant harm.', decidedAt: '2025-01-03T15:00:00Z' },
      'FRONT_DOOR',
    );
    const opened = await eventually(async () => {
      const response = await request(services()['case-progression'].url)
        .get(`/v1/children/${referral.childId}/cases`)
        .set('Authorization', await auth('SOCIAL_WORKER'));
      expect(response.status).toBe(200);
      return response.body[0];
    });
    let version: number = opened.version;
    const write = async (path: string, body: object) => {
      const result = await post('case-progression', `/v1/cases/${opened.caseId}${path}`, body, 'SOCIAL_WORKER', 'LA888', version);
      version = result.version;
      return result;
    };
    const { assessmentId } = await write('/assessments', { startedAt: '2025-01-06' });
    const { section47Id } = await write('/strategy-discussions', { heldOn: '2025-01-07', section47: true });
    await write(`/section47/${section47Id}/outcome`, { concludedOn: '2025-01-17', icpcRequired: true });
    const namedSocialWorker = { name: 'Jo Allocated', team: 'Safeguarding East', phone: '01632 960555' };
    // A malformed social worker is refused naming the field, and nothing is recorded (the version does not move).
    const refusedPlan = await request(services()['case-progression'].url)
      .post(`/v1/cases/${opened.caseId}/conferences`)
      .set('Authorization', await auth('SOCIAL_WORKER'))
      .set('If-Match', `"${version}"`)
      .send({ heldOn: '2025-01-27', childProtectionPlan: true, category: 'PHY', namedSocialWorker: { name: '', email: 'not-an-email' } });
    expect(refusedPlan.status).toBe(400);
    expect(refusedPlan.body.message).toEqual(
      expect.arrayContaining([expect.stringMatching(/^namedSocialWorker\.name/), expect.stringMatching(/^namedSocialWorker\.email/)]),
    );
    const { cpPlanId } = await write('/conferences', {
      heldOn: '2025-01-27',
      childProtectionPlan: true,
      category: 'PHY',
      namedSocialWorker,
    });
    await write(`/assessments/${assessmentId}/completion`, { authorisedAt: '2025-02-14', factors: ['2B'], outcome: 'CHILD_IN_NEED' });
    await write(`/cp-plans/${cpPlanId}/end`, { endedOn: '2025-09-16' });
    await write('/closure', { closedOn: '2025-10-01', reason: 'RC7' });

    const told = async (school: string, count: number) =>
      eventually(async () => {
        const response = await inbox(school);
        expect(response.status).toBe(200);
        expect(response.body).toHaveLength(count);
        return response.body as SchoolNotification[];
      });
    const toA = await told(SCHOOL_A, 5);
    expect(toA.map((notification) => notification.type)).toEqual([
      'REFERRAL_RECEIVED',
      'REFERRAL_DECIDED',
      'CHILD_PROTECTION_PLAN_STARTED',
      'ASSESSMENT_COMPLETED',
      'CASE_CLOSED',
    ]);
    const toB = await told(SCHOOL_B, 4);
    expect(toB.map((notification) => notification.type)).toEqual([
      'REFERRAL_DECIDED',
      'CHILD_PROTECTION_PLAN_STARTED',
      'ASSESSMENT_COMPLETED',
      'CASE_CLOSED',
    ]);
    for (const notification of [...toA, ...toB]) {
      expect(notification.childId).toBe(referral.childId);
      // Ids, a type, a time and a summary (and on a plan, who to contact); never the category, the factors, the child's or the referrer's details.
      const { id: _id, childId: _child, referralId: _referral, socialWorker, ...told } = notification;
      expect(Object.keys(told).sort()).toEqual(['occurredAt', 'summary', 'type']);
      expect(socialWorker).toEqual(notification.type === 'CHILD_PROTECTION_PLAN_STARTED' ? namedSocialWorker : undefined);
      expect(JSON.stringify(told)).not.toMatch(/PHY|2B|Notia|Schoolchild|Sam Example|physical|FY1/i);
    }
    expect(new Set([...toA, ...toB].map((notification) => notification.id)).size).toBe(9);

    // Paging: after the second, the rest, in order.
    expect((await inbox(SCHOOL_A, `?after=${toA[1].id}&limit=2`)).body.map((n: { type: string }) => n.type)).toEqual([
      'CHILD_PROTECTION_PLAN_STARTED',
      'ASSESSMENT_COMPLETED',
    ]);

    // School C: nothing at all, and nothing about this child; nor may it read another school's inbox.
    expect((await inbox(SCHOOL_C)).body).toEqual([]);
    expect((await inbox(SCHOOL_C, `?childId=${referral.childId}`)).status).toBe(404);
    const intoAnother = await request(services()['school-notifications'].url)
      .get(`/v1/schools/${SCHOOL_A}/notifications`)
      .set('Authorization', await auth('SCHOOL', SCHOOL_C));
    expect(intoAnother.status).toBe(403);

    // The webhooks: each school's endpoint received, signed and verified, exactly its inbox, each once; C nothing.
    await eventually(() => {
      expect(arrived[SCHOOL_A]).toHaveLength(5);
      expect(arrived[SCHOOL_B]).toHaveLength(4);
    });
    expect([...arrived[SCHOOL_A]].sort(byId)).toEqual([...toA].sort(byId));
    expect([...arrived[SCHOOL_B]].sort(byId)).toEqual([...toB].sort(byId));
    expect(arrived[SCHOOL_C]).toEqual([]);
    expect(refused).toEqual([]);
    const deliveries = await running.databases['school-notifications'].dataSource.query(
      `SELECT school_urn, state, attempts, count(*)::int AS count FROM webhook_deliveries GROUP BY 1, 2, 3 ORDER BY 1`,
    );
    expect(deliveries).toEqual([
      { school_urn: SCHOOL_A, state: 'DELIVERED', attempts: 1, count: 5 },
      { school_urn: SCHOOL_B, state: 'DELIVERED', attempts: 1, count: 4 },
    ]);
  });

  it('tells no school twice when every event it read arrives again (a rebalance, a republish)', async () => {
    // As after a rebalance or `npm run republish`: the inbox skips each copy (and each school's guard would).
    const { kafka, topicSuffix } = running;
    const database = running.databases['school-notifications'].dataSource;
    const told = () => database.query(`SELECT school_urn, type, count(*)::int AS count FROM notifications GROUP BY 1, 2 ORDER BY 1, 2`);
    const queued = () => database.query(`SELECT school_urn, count(*)::int AS count FROM webhook_deliveries GROUP BY 1 ORDER BY 1`);
    const toldBefore = await told();
    const queuedBefore = await queued();
    expect(toldBefore.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(9);

    const topics = [`${TOPICS.referralIntake}${topicSuffix}`, `${TOPICS.caseProgression}${topicSuffix}`];
    const admin = kafka.admin();
    const producer = kafka.producer();
    await admin.connect();
    await producer.connect();
    const probe = await TopicProbe.start(kafka, topics);
    try {
      const endsOf = async () => (await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)))).flat();
      const onTopics = (await endsOf()).reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
      await eventually(() => expect(probe.messages).toHaveLength(onTopics));
      // A copy: the probe reads what is sent again too.
      const read = [...probe.messages];
      for (const { topic, key, value, headers } of read) await producer.send({ topic, messages: [{ key, value, headers }] });

      // Read all of it again when the service's group has committed every partition to its end.
      const group = serviceGroupId('school-notifications', topicSuffix);
      await eventually(
        async () => {
          for (const topic of topics) {
            const ends = await admin.fetchTopicOffsets(topic);
            const [{ partitions }] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
            // An empty partition has no committed offset (-1).
            const committed = (partition: number) => Math.max(0, Number(partitions.find((p) => p.partition === partition)?.offset ?? -1));
            for (const { partition, high } of ends) expect(committed(partition)).toBe(Number(high));
          }
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(await told()).toEqual(toldBefore);
      expect(await queued()).toEqual(queuedBefore);
      // Each copy found its school told and wrote nothing: none failed its way to the dead letters.
      expect(await database.query(`SELECT count(*)::int AS count FROM dead_letters`)).toEqual([{ count: 0 }]);
      expect(arrived[SCHOOL_A]).toHaveLength(5);
      expect(arrived[SCHOOL_B]).toHaveLength(4);
    } finally {
      await probe.stop();
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});
