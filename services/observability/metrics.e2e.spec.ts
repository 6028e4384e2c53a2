import request from 'supertest';
import type { Role } from '@csc/contracts';
import {
  eventually,
  parsePrometheusSamples,
  startServices,
  sumOfSamples,
  testToken,
  type PrometheusSample,
  type ServicesUnderTest,
} from '@csc/testing';
import { caseProgressionService } from '../case-progression/src/case-progression.service-definition';
import { referralIntakeService } from '../referral-intake/src/referral-intake.service-definition';
import { schoolNotificationsService } from '../school-notifications/src/school-notifications.service-definition';
import { registerSchoolWithWebhook } from './test/school-with-webhook';

const SCHOOL = '100001';
const METRICS_TOKEN = 'a-prometheus-scrape-token-for-this-test-only';
const FAMILY_NAME = 'Metricsworth';

describe('every service counts what flows through it at GET /metrics, by the exact numbers', () => {
  let running: ServicesUnderTest;
  const url = (service: string) => running.services[service].url;
  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;
  const scrape = async (service: string): Promise<{ text: string; samples: PrometheusSample[] }> => {
    const response = await request(url(service)).get('/metrics').expect(200);
    return { text: response.text, samples: parsePrometheusSamples(response.text) };
  };
  const receiver: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    running = await startServices('metrics', [referralIntakeService, caseProgressionService, schoolNotificationsService], {
      'school-notifications': { WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' },
      'case-progression': { METRICS_TOKEN },
    });
    receiver.push(await registerSchoolWithWebhook(url('school-notifications'), { urn: SCHOOL, name: 'Metrics Primary' }));
  });
  afterAll(async () => {
    await running?.stop();
    for (const each of receiver) await each.close();
  });

  it('moves each counter by the number of referrals: 3 appended, 3 published, 3 handled downstream, 3 cases opened', async () => {
    const before = {
      intake: (await scrape('referral-intake')).samples,
      notifications: (await scrape('school-notifications')).samples,
    };
    const referralIds: string[] = [];
    for (let child = 0; child < 3; child += 1) {
      const response = await request(url('referral-intake'))
        .post('/v1/referrals')
        .set('Authorization', await auth('SCHOOL', SCHOOL))
        .send({
          receivedAt: '2025-01-03T09:00:00Z',
          referrer: { source: '2A', organisationId: SCHOOL, name: 'Sam Example', role: 'DSL' },
          child: {
            givenName: ['Ada', 'Bea', 'Cal'][child],
            familyName: FAMILY_NAME,
            dateOfBirth: `2014-06-0${child + 1}`,
            sex: 'F',
            schoolUrn: SCHOOL,
          },
          concerns: { summary: 'Attendance has dropped and she has disclosed worries at home.', factors: ['16A'] },
          consent: { given: true },
        })
        .expect(201);
      referralIds.push(response.body.referralId);
    }
    for (const referralId of referralIds) {
      await request(url('referral-intake'))
        .post(`/v1/referrals/${referralId}/decision`)
        .set('Authorization', await auth('FRONT_DOOR'))
        .send({ outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Disclosure.', decidedAt: '2025-01-03T15:00:00Z' })
        .expect(200);
    }

    await eventually(
      async () => {
        const intake = (await scrape('referral-intake')).samples;
        const notifications = (await scrape('school-notifications')).samples;
        const cases = (await request(url('case-progression')).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200))
          .text;
        const caseSamples = parsePrometheusSamples(cases);
        const delta = (samples: PrometheusSample[], old: PrometheusSample[], name: string, labels: Record<string, string> = {}) =>
          sumOfSamples(samples, name, labels) - sumOfSamples(old, name, labels);

        // referral-intake: 3 referrals and 3 decisions written, answered and published (its outbox empty again).
        expect(delta(intake, before.intake, 'csc_events_appended_total', { event_type: 'ReferralReceived' })).toBe(3);
        expect(delta(intake, before.intake, 'csc_events_appended_total', { event_type: 'ReferralDecided' })).toBe(3);
        expect(
          delta(intake, before.intake, 'csc_http_request_duration_seconds_count', {
            method: 'POST',
            route: '/v1/referrals',
            status: '201',
          }),
        ).toBe(3);
        expect(
          delta(intake, before.intake, 'csc_http_request_duration_seconds_count', {
            method: 'POST',
            route: '/v1/referrals/{id}/decision',
            status: '200',
          }),
        ).toBe(3);
        expect(delta(intake, before.intake, 'csc_relay_events_published_total')).toBe(
          delta(intake, before.intake, 'csc_events_appended_total'),
        );
        expect(sumOfSamples(intake, 'csc_outbox_backlog_events')).toBe(0);
        // Each new child's key made in the key vault (its later uses come from the cache).
        expect(
          delta(intake, before.intake, 'csc_key_vault_operations_total', { operation: 'seal', answered_from: 'vault' }),
        ).toBeGreaterThanOrEqual(3);

        // school-notifications: each referral and each decision handled once, and each told to the school's webhook.
        for (const type of ['ReferralReceived', 'ReferralDecided']) {
          expect([
            type,
            delta(notifications, before.notifications, 'csc_consumer_events_total', {
              consumer: `school-notifications${running.topicSuffix}`,
              event_type: type,
              outcome: 'handled',
            }),
          ]).toEqual([type, 3]);
        }
        expect(delta(notifications, before.notifications, 'csc_webhook_attempts_total', { school: SCHOOL, outcome: 'delivered' })).toBe(6);
        expect(sumOfSamples(notifications, 'csc_webhook_pending_deliveries', { school: SCHOOL })).toBe(0);
        expect(sumOfSamples(notifications, 'csc_consumer_lag_events', { consumer: `school-notifications${running.topicSuffix}` })).toBe(0);

        // case-progression (started before any of this): a case opened for each accepted referral.
        expect(
          sumOfSamples(caseSamples, 'csc_consumer_events_total', {
            consumer: `case-progression${running.topicSuffix}`,
            event_type: 'ReferralDecided',
            outcome: 'handled',
          }),
        ).toBe(3);
        expect(sumOfSamples(caseSamples, 'csc_events_appended_total', { event_type: 'CaseOpened' })).toBe(3);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });

  it('says nothing personal and no record ids: labels name routes, types, groups, outcomes and schools', async () => {
    const { text, samples } = await scrape('referral-intake');
    expect(text).not.toContain(FAMILY_NAME);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const labelNames = new Set(samples.flatMap((sample) => Object.keys(sample.labels)));
    for (const name of labelNames)
      expect(['childId', 'referralId', 'caseId', 'child_id', 'referral_id', 'url', 'path']).not.toContain(name);
    expect(samples.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
  });

  it('answers /metrics only to the bearer of METRICS_TOKEN when one is set', async () => {
    await request(url('case-progression')).get('/metrics').expect(401);
    await request(url('case-progression')).get('/metrics').set('Authorization', 'Bearer not-the-token').expect(401);
    await request(url('case-progression')).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
  });
});
