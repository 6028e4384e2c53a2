import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { TOPICS, type Role } from '@csc/contracts';
import { eventually, startServiceUnderTest, startServices, testLogFile, testToken, TopicProbe, type ServicesUnderTest } from '@csc/testing';
import { startReceiver } from '../../../../examples/school-webhook-receiver/src/receiver';
import type { SchoolNotification } from '../../../../examples/school-webhook-receiver/src/verify-webhook';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { schoolNotificationsService } from '../school-notifications.service-definition';
import { WEBHOOKS_DUE_CHANNEL } from './webhook-dispatcher';

const SCHOOL_DOWN = '200001'; // its endpoint answers 500 for a while, then recovers
const SCHOOL_UP = '200002'; // its endpoint always works
const SCHOOL_GONE = '200003'; // its endpoint never works

/** Short retries, so that "for a while" and "gives up" fit in a test; the schedule itself is unit-tested. */
const FAST_RETRIES = {
  WEBHOOK_RETRY_FIRST_DELAY_MS: '200',
  WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
  WEBHOOK_RETRY_FOR_SECONDS: '12',
  WEBHOOK_TIMEOUT_MS: '2000',
};
/** The schools' receivers listen on 127.0.0.1: reachable only with the development setting. */
const SETTINGS = { ...FAST_RETRIES, WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' };

describe('webhook delivery: an endpoint that fails, a service that restarts, nothing lost or doubled', () => {
  let running: ServicesUnderTest;
  let probe: TopicProbe;
  const url = (service: string) => running.services[service].url;
  const handedOn: Record<string, SchoolNotification[]> = { [SCHOOL_DOWN]: [], [SCHOOL_UP]: [], [SCHOOL_GONE]: [] };
  const refusedOrRepeated: string[] = [];
  let down = true;
  let answeredWith500 = 0;
  const receivers: { close(): Promise<void> }[] = [];

  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;
  const refer = async (school: string, n: number) => {
    const response = await request(url('referral-intake'))
      .post('/v1/referrals')
      .set('Authorization', await auth('SCHOOL', school))
      .send({
        receivedAt: '2025-03-03T09:00:00Z',
        referrer: { source: '2A', organisationId: school, name: 'Webhook Tester', role: 'DSL' },
        // A different child each time (never matched to another: that would make the other referrers entitled too).
        child: {
          givenName: `Hook${school}x${n}`,
          familyName: `Retry${school}`,
          dateOfBirth: `2013-0${school.at(-1)}-${10 + n}`,
          sex: 'M',
          postcode: 'FY2 0AB',
        },
        concerns: { summary: 'Persistent absence and concerns at home.', factors: ['1C'] },
        consent: { given: true },
      });
    expect(response.status).toBe(201);
    return response.body.referralId as string;
  };
  const deliveries = () =>
    running.databases['school-notifications'].dataSource.query(
      `SELECT notification_id, school_urn, state, attempts FROM webhook_deliveries ORDER BY school_urn, notification_id`,
    );

  beforeAll(async () => {
    running = await startServices('hooks', [referralIntakeService, schoolNotificationsService], { 'school-notifications': SETTINGS });
    probe = await TopicProbe.start(running.kafka, [`${TOPICS.schoolNotifications}${running.topicSuffix}`]);
    for (const urn of [SCHOOL_DOWN, SCHOOL_UP, SCHOOL_GONE]) {
      let secret = '';
      const receiver = await startReceiver({
        secret: () => secret,
        onNotification: (notification) => {
          if (urn === SCHOOL_GONE || (urn === SCHOOL_DOWN && down)) {
            if (urn === SCHOOL_DOWN) answeredWith500 += 1;
            throw new Error('our system is down');
          }
          handedOn[urn].push(notification);
        },
        log: (line) => {
          if (!line.startsWith('could not store')) refusedOrRepeated.push(line);
        },
      });
      receivers.push(receiver);
      const registered = await request(url('school-notifications'))
        .post('/v1/schools')
        .set('Authorization', await auth('ADMIN'))
        .send({ urn, name: `School ${urn}`, webhookUrl: receiver.url });
      expect(registered.status).toBe(201);
      secret = registered.body.webhookSecret;
    }
  });
  afterAll(async () => {
    await probe?.stop();
    await running?.stop();
    for (const receiver of receivers) await receiver.close();
  });

  it('retries a failing endpoint without holding up other schools, survives a restart, delivers each once, and parks the hopeless as failed', async () => {
    const downReferrals: string[] = [];
    for (let n = 0; n < 6; n += 1) downReferrals.push(await refer(SCHOOL_DOWN, n));
    for (let n = 0; n < 3; n += 1) await refer(SCHOOL_UP, n);
    await refer(SCHOOL_GONE, 0);

    // While SCHOOL_DOWN's endpoint fails, SCHOOL_UP's notifications arrive all the same.
    await eventually(() => {
      expect(handedOn[SCHOOL_UP]).toHaveLength(3);
      expect(answeredWith500).toBeGreaterThanOrEqual(6);
    });

    // Restart mid-way: stopped while retries are pending, with more events arriving while it is down.
    await running.services['school-notifications'].stop();
    for (const referralId of downReferrals) {
      const decided = await request(url('referral-intake'))
        .post(`/v1/referrals/${referralId}/decision`)
        .set('Authorization', await auth('FRONT_DOOR'))
        .send({
          outcome: 'NFA',
          primaryNeed: 'N9',
          rationale: 'Universal services are meeting the need.',
          decidedAt: '2025-03-04T10:00:00Z',
        });
      expect(decided.status).toBe(200);
    }
    running.services['school-notifications'] = await startServiceUnderTest(schoolNotificationsService, {
      databaseUrl: running.databases['school-notifications'].url,
      topicSuffix: running.topicSuffix,
      environment: SETTINGS,
    });
    const failuresBeforeRecovery = answeredWith500;
    await eventually(() => expect(answeredWith500).toBeGreaterThan(failuresBeforeRecovery));
    down = false;

    // Six received and six decided: every one arrives, each exactly once, never a repeat.
    await eventually(() => expect(handedOn[SCHOOL_DOWN]).toHaveLength(12));
    expect(new Set(handedOn[SCHOOL_DOWN].map((notification) => notification.id)).size).toBe(12);
    expect(handedOn[SCHOOL_DOWN].filter((notification) => notification.type === 'REFERRAL_DECIDED')).toHaveLength(6);
    expect(refusedOrRepeated).toEqual([]);

    // SCHOOL_GONE: retried for the whole (shortened) retry period, then parked as failed, still in its inbox.
    const parked = await eventually(
      async () => {
        const rows = (await deliveries()).filter((row: { school_urn: string }) => row.school_urn === SCHOOL_GONE);
        expect(rows).toEqual([expect.objectContaining({ state: 'FAILED' })]);
        return rows[0];
      },
      { timeoutMs: 30_000 },
    );
    expect(parked.attempts).toBeGreaterThan(5);
    const inbox = await request(url('school-notifications'))
      .get(`/v1/schools/${SCHOOL_GONE}/notifications`)
      .set('Authorization', await auth('SCHOOL', SCHOOL_GONE));
    expect(inbox.body.map((notification: SchoolNotification) => notification.id)).toEqual([parked.notification_id]);
    expect(handedOn[SCHOOL_GONE]).toEqual([]);

    // The database agrees, and the topic carries one outcome per notification, with the attempts it took.
    const states = await deliveries();
    expect(states.filter((row: { state: string }) => row.state === 'DELIVERED')).toHaveLength(15);
    expect(
      states.filter((row: { school_urn: string; attempts: number }) => row.school_urn === SCHOOL_DOWN && row.attempts > 1).length,
    ).toBeGreaterThan(0);
    const outcomes = await eventually(() => {
      const events = probe.messages.map((message) => JSON.parse(message.value!)).filter((event) => event.type !== 'NotificationQueued');
      expect(events).toHaveLength(16);
      return events;
    });
    expect(new Set(outcomes.map((event) => event.data.notificationId)).size).toBe(16);
    expect(outcomes.filter((event) => event.type === 'NotificationFailed')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ notificationId: parked.notification_id, lastOutcome: 'HTTP 500' }) }),
    ]);
    const downOutcomes = outcomes.filter((event) => event.data.schoolUrn === SCHOOL_DOWN);
    expect(downOutcomes.every((event) => event.type === 'NotificationDelivered')).toBe(true);
    expect(Math.max(...downOutcomes.map((event) => event.data.attempts))).toBeGreaterThan(1);

    // Every retry is in the service's log, by notification id (never a body). Several Nest apps in one test process
    // share nestjs-pino's root logger, so a line may be in another service's test log file: read them all.
    const logDirectory = dirname(testLogFile('school-notifications'));
    // One the endpoint refused at least once (which ones were tried while it was down depends on timing).
    const retried = downOutcomes.find((event) => event.data.attempts > 1)!.data.notificationId;
    // The logger writes asynchronously: a line may reach its file a moment after the delivery it tells of.
    await eventually(() => {
      const log = readdirSync(logDirectory)
        .map((file) => readFileSync(join(logDirectory, file), 'utf8'))
        .join('\n');
      // The first failure's reason is the endpoint's 500, or on a loaded machine its time-out: either way, said by id.
      expect(log).toMatch(new RegExp(`webhook ${retried} to school ${SCHOOL_DOWN}: attempt 1 failed \\([^)]+\\); retrying at`));
      expect(log).toContain(
        `webhook ${parked.notification_id} to school ${SCHOOL_GONE}: failed after ${parked.attempts} attempts (last: HTTP 500)`,
      );
    });
  });

  it('wakes the dispatcher as a delivery is queued (NOTIFY at the commit), not at its next poll', async () => {
    const listener = new Client({ connectionString: running.databases['school-notifications'].url });
    await listener.connect();
    try {
      const woken: string[] = [];
      listener.on('notification', (message) => woken.push(message.channel));
      await listener.query(`LISTEN ${WEBHOOKS_DUE_CHANNEL}`);
      await refer(SCHOOL_UP, 9);
      await eventually(() => expect(woken).toContain(WEBHOOKS_DUE_CHANNEL));
      await eventually(() => expect(handedOn[SCHOOL_UP]).toHaveLength(4));
    } finally {
      await listener.end();
    }
  });
});
