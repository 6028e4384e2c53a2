import request from 'supertest';
import type { Role } from '@csc/contracts';
import { nameBasedUuid } from '@csc/domain';
import { eventually, startServices, testToken, type ServicesUnderTest } from '@csc/testing';
import { startReceiver } from '../examples/school-webhook-receiver/src/receiver';
import type { SchoolNotification } from '../examples/school-webhook-receiver/src/verify-webhook';
import { ALL_SERVICES } from './registry';

const SCHOOL = '100001';
/** Letters only: children are told apart by name and date of birth, and names are compared without digits. */
const GIVEN_NAMES = ['Alder', 'Birch', 'Cedar', 'Damson', 'Elder', 'Fir', 'Gorse', 'Hazel', 'Ivy', 'Juniper'];
const STEPPED_DOWN = new Set([1, 4, 6, 9]);

/**
 * Every service scaled out to two instances, as docs/architecture.md allows: one database each, one
 * consumer group between the two. Requests go to either instance; every reaction, projection and
 * webhook still happens exactly once, and a rebuild asked of one instance is served by both.
 */
describe('two instances of every service', () => {
  let running: ServicesUnderTest;
  const received: SchoolNotification[] = [];
  let receiver: { url: string; close(): Promise<void> };
  const instance = (service: string, which: number) => running.instances[service][which % 2].url;
  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;
  const count = async (service: string, sql: string) => Number((await running.databases[service].dataSource.query(sql))[0].count);

  beforeAll(async () => {
    running = await startServices(
      'twice',
      ALL_SERVICES,
      { 'school-notifications': { WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' } },
      { instances: 2 },
    );
    let secret = '';
    receiver = await startReceiver({
      secret: () => secret,
      onNotification: (notification) => void received.push(notification),
      log: () => undefined,
    });
    const registered = await request(instance('school-notifications', 1))
      .post('/v1/schools')
      .set('Authorization', await auth('ADMIN'))
      .send({ urn: SCHOOL, name: 'Two Instance Primary', webhookUrl: receiver.url });
    expect(registered.status).toBe(201);
    secret = registered.body.webhookSecret;
  }, 240_000);
  afterAll(async () => {
    await running?.stop();
    await receiver?.close();
  });

  it('handles each referral, case, episode, view row and webhook once, whichever instance took the request', async () => {
    const referrals: string[] = [];
    for (const [index, givenName] of GIVEN_NAMES.entries()) {
      const referred = await request(instance('referral-intake', index))
        .post('/v1/referrals')
        .set('Authorization', await auth('SCHOOL', SCHOOL))
        .send({
          receivedAt: `2025-05-${String(index + 1).padStart(2, '0')}T09:00:00Z`,
          referrer: { source: '2A', organisationId: SCHOOL, name: 'Scaled Out', role: 'DSL' },
          child: { givenName, familyName: 'Twoinstances', dateOfBirth: '2015-03-04', sex: 'F', postcode: 'FY1 1AA', schoolUrn: SCHOOL },
          concerns: { summary: 'Concerns raised at school.', factors: ['21'] },
          consent: { given: true },
        });
      expect(referred.status).toBe(201);
      const stepDown = STEPPED_DOWN.has(index);
      const decided = await request(instance('referral-intake', index + 1))
        .post(`/v1/referrals/${referred.body.referralId}/decision`)
        .set('Authorization', await auth('FRONT_DOOR'))
        .send({
          outcome: stepDown ? 'STEP_DOWN_TO_EARLY_HELP' : 'ACCEPTED_FOR_ASSESSMENT',
          primaryNeed: stepDown ? undefined : 'N1',
          rationale: 'Decided on another instance.',
          decidedAt: `2025-05-${String(index + 1).padStart(2, '0')}T15:00:00Z`,
        });
      expect([decided.status, decided.body]).toEqual([200, expect.anything()]);
      referrals.push(referred.body.referralId);
    }

    // Reactions, each once between the two instances of its group.
    await eventually(async () => expect(await count('case-progression', `SELECT count(*) FROM events WHERE type = 'CaseOpened'`)).toBe(6), {
      timeoutMs: 60_000,
    });
    await eventually(
      async () => expect(await count('early-help', `SELECT count(*) FROM events WHERE type = 'EarlyHelpEpisodeOpened'`)).toBe(4),
      { timeoutMs: 60_000 },
    );
    for (const [index, referralId] of referrals.entries()) {
      if (!STEPPED_DOWN.has(index)) continue;
      const episode = await request(instance('early-help', index))
        .get(`/v1/early-help/episodes/${nameBasedUuid(`episode-for-referral:${referralId}`)}`)
        .set('Authorization', await auth('EARLY_HELP'));
      expect(episode.status).toBe(200);
    }

    // The views, the same from either instance, each referral counted once.
    const appropriateness = async (which: number) => {
      const response = await request(instance('analytics', which))
        .get('/v1/views/referral-appropriateness?groupBy=school')
        .set('Authorization', await auth('ANALYST'));
      expect(response.status).toBe(200);
      return response.body;
    };
    const [row] = await eventually(
      async () => {
        const rows = await appropriateness(0);
        expect(rows[0]?.referrals).toBe(10);
        return rows;
      },
      { timeoutMs: 60_000 },
    );
    expect(row.outcomes).toMatchObject({ ACCEPTED_FOR_ASSESSMENT: 6, STEP_DOWN_TO_EARLY_HELP: 4 });
    expect(await appropriateness(1)).toEqual([row]);

    // The school's webhook: every notification delivered once, by whichever instance held its lane.
    await eventually(
      async () => {
        const delivered = await count('school-notifications', `SELECT count(*) FROM webhook_deliveries WHERE state = 'DELIVERED'`);
        const queued = await count('school-notifications', `SELECT count(*) FROM webhook_deliveries`);
        expect([delivered, received.length]).toEqual([queued, queued]);
        expect(queued).toBeGreaterThanOrEqual(20); // at least each referral received and decided
      },
      { timeoutMs: 60_000 },
    );
    expect(new Set(received.map((notification) => notification.id)).size).toBe(received.length);

    // A rebuild asked of one analytics instance is built by both and served by both once swapped in.
    const rebuild = await request(instance('analytics', 0))
      .post('/v1/projections/referrals/rebuild')
      .set('Authorization', await auth('ADMIN'));
    expect(rebuild.status).toBe(202);
    await eventually(
      async () => {
        const projections = await request(instance('analytics', 1))
          .get('/v1/projections')
          .set('Authorization', await auth('ADMIN'));
        expect(projections.body).toEqual(
          expect.arrayContaining([expect.objectContaining({ projection: 'referrals', version: 2, state: 'CURRENT' })]),
        );
        expect(projections.body.filter((projection: { projection: string }) => projection.projection === 'referrals')).toHaveLength(1);
      },
      { timeoutMs: 60_000 },
    );
    expect(await appropriateness(1)).toEqual([row]);
    expect(await appropriateness(0)).toEqual([row]);
  }, 300_000);
});
