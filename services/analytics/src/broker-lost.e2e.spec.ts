import request from 'supertest';
import type { Role } from '@csc/contracts';
import { TOPICS } from '@csc/contracts';
import { resetRelayCheckpoint } from '@csc/event-store';
import { eventually, startServices, testToken, TopicProbe, type ServicesUnderTest } from '@csc/testing';
import { referralIntakeService } from '../../referral-intake/src/referral-intake.service-definition';
import { analyticsService } from './analytics.service-definition';

const SCHOOL = '100001';
const TOTAL = '/v1/views/referral-appropriateness?groupBy=school';

/**
 * The broker's log lost under a running system, the history kept in the event stores. A new broker
 * looks to the relay and to the projections like another cluster id than the one they recorded: set
 * here in their own tables, which is all a wiped broker changes for them (the shared test broker is not
 * wiped). The int specs beside the relay and the projection host show the other sign, a topic holding
 * fewer records than were published or offsets past a partition's end.
 */
describe('the broker is not the one the services published to and read', () => {
  let running: ServicesUnderTest;
  let probe: TopicProbe;
  const url = (service: string) => running.services[service].url;
  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;

  beforeAll(async () => {
    running = await startServices('brokerlost', [referralIntakeService, analyticsService]);
    probe = await TopicProbe.start(running.kafka, [`${TOPICS.referralIntake}${running.topicSuffix}`]);
  });
  afterAll(async () => {
    await probe?.stop();
    await running?.stop();
  });

  const refer = async (givenName: string) => {
    const referral = await request(url('referral-intake'))
      .post('/v1/referrals')
      .set('Authorization', await auth('SCHOOL', SCHOOL))
      .send({
        receivedAt: '2025-03-01T10:00:00Z',
        referrer: { source: '2A', organisationId: SCHOOL, name: 'Broker Tester', role: 'DSL' },
        child: { givenName, familyName: 'Republished', dateOfBirth: '2015-05-01', sex: 'F', postcode: 'FY1 1AA' },
        concerns: { summary: 'Concerns for the broker tests.', factors: ['21'] },
        consent: { given: true },
      });
    expect(referral.status).toBe(201);
    const decided = await request(url('referral-intake'))
      .post(`/v1/referrals/${referral.body.referralId}/decision`)
      .set('Authorization', await auth('FRONT_DOOR'))
      .send({ outcome: 'NFA', primaryNeed: 'N1', rationale: 'For the broker tests.', decidedAt: '2025-03-01T16:00:00Z' });
    expect(decided.status).toBe(200);
  };
  const view = async (path: string) => {
    const response = await request(url('analytics'))
      .get(path)
      .set('Authorization', await auth('ANALYST'));
    expect(response.status).toBe(200);
    return response.body;
  };
  const referralsCounted = async (count: number) =>
    eventually(async () => expect((await view(TOTAL))[0]?.referrals).toBe(count), { timeoutMs: 30_000 });
  const ready = async (service: string) => {
    const response = await request(url(service)).get('/health/ready');
    return { status: response.status, reasons: (response.body.message ?? []) as string[] };
  };

  it('the relay halts saying why, republishes every stored event, projections rebuild and new events reach every view', async () => {
    await refer('Before');
    await referralsCounted(1);

    // The relay: its checkpoint refers to another broker's log.
    await running.databases['referral-intake'].dataSource.query(`UPDATE outbox_checkpoints SET cluster_id = 'the-broker-before'`);
    await eventually(
      async () => {
        const { status, reasons } = await ready('referral-intake');
        expect(status).toBe(503);
        expect(reasons.join('\n')).toMatch(/not the one this service published to \(cluster the-broker-before\).*npm run republish/);
      },
      { timeoutMs: 25_000, intervalMs: 250 },
    );
    await refer('WhileHalted'); // stored, not published

    // What npm run republish does: the relay publishes the whole log again, in order.
    await running.databases['referral-intake'].dataSource.transaction((manager) => resetRelayCheckpoint(manager, 'referral-intake'));
    const stored = (
      (await running.databases['referral-intake'].dataSource.query(`SELECT event_id FROM events ORDER BY global_position`)) as {
        event_id: string;
      }[]
    ).map((row) => row.event_id);
    await eventually(async () => {
      expect((await ready('referral-intake')).status).toBe(200);
      expect(new Set(probe.messages.map((message) => message.headers['event-id']))).toEqual(new Set(stored));
    });
    await referralsCounted(2);

    // Analytics: every version read another broker's log.
    await running.databases.analytics.dataSource.query(`UPDATE projection_versions SET cluster_id = 'the-broker-before'`);
    const seen = { problem: false, unready: false };
    await eventually(
      async () => {
        const statuses: { problem: string | null }[] = await view('/v1/projections');
        seen.problem ||= statuses.some((row) => /is not the one this version read \(cluster the-broker-before\)/.test(row.problem ?? ''));
        const { status, reasons } = await ready('analytics');
        seen.unready ||= status === 503 && reasons.some((reason) => /^projections: rebuilding .*referrals v1/.test(reason));
        expect(seen).toEqual({ problem: true, unready: true });
      },
      { timeoutMs: 25_000, intervalMs: 100 },
    );
    await eventually(
      async () => {
        const statuses: { version: number; state: string; problem: string | null }[] = await view('/v1/projections');
        expect(statuses.every((row) => row.version >= 2 && row.state === 'CURRENT' && row.problem === null)).toBe(true);
        expect((await ready('analytics')).status).toBe(200);
      },
      { timeoutMs: 30_000 },
    );
    await referralsCounted(2);

    await refer('After');
    await referralsCounted(3);
    const live = await view(TOTAL);
    const rebuild = await request(url('analytics'))
      .post('/v1/projections/referrals/rebuild')
      .set('Authorization', await auth('ANALYST'));
    expect(rebuild.status).toBe(202);
    await eventually(
      async () => {
        const statuses: { projection: string; version: number; state: string }[] = await view('/v1/projections');
        expect(statuses.filter((row) => row.projection === 'referrals')).toEqual([
          expect.objectContaining({ version: rebuild.body.version, state: 'CURRENT' }),
        ]);
      },
      { timeoutMs: 30_000 },
    );
    expect(await view(TOTAL)).toEqual(live);
  });
});
