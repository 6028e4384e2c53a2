import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '@csc/contracts';
import { eventually, startServices, testToken, type ServicesUnderTest } from '@csc/testing';
import { readAlertRules } from '../../tools/observability/alert-rules-file';
import { analyticsService } from '../analytics/src/analytics.service-definition';
import { caseProgressionService } from '../case-progression/src/case-progression.service-definition';
import { earlyHelpService } from '../early-help/src/early-help.service-definition';
import { referralIntakeService } from '../referral-intake/src/referral-intake.service-definition';
import { schoolNotificationsService } from '../school-notifications/src/school-notifications.service-definition';
import { registerSchoolWithWebhook } from './test/school-with-webhook';
import { startPrometheus, type PrometheusUnderTest } from './test/prometheus-under-test';

const SCHOOL = '100001';
const METRICS_TOKEN = 'a-prometheus-scrape-token-for-this-test-only';
const OBSERVABILITY = join(__dirname, '../../infra/observability');
const ALERTS = join(OBSERVABILITY, 'alerts.yml');
const SERVICES = ['referral-intake', 'case-progression', 'early-help', 'school-notifications', 'analytics'];

interface Rules {
  groups: { rules: { name: string; health: string; lastError?: string; lastEvaluation: string }[] }[];
}
interface Dashboard {
  panels: { title: string; targets?: { expr: string }[] }[];
}

describe('Prometheus scrapes the services, answers their series and evaluates the alerts', () => {
  let running: ServicesUnderTest;
  let prometheus: PrometheusUnderTest;
  const receiver: { close(): Promise<void> }[] = [];
  const url = (service: string) => running.services[service].url;
  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;
  /** The single number an aggregated query answers (0 when no series matches yet). */
  const valueOf = async (expression: string) => Number((await prometheus.query(expression))[0]?.value[1] ?? 0);

  beforeAll(async () => {
    // Every service requires the token, as in production: Prometheus presents it from a file.
    const withToken = Object.fromEntries(SERVICES.map((service) => [service, { METRICS_TOKEN }]));
    running = await startServices(
      'prometheus',
      [referralIntakeService, caseProgressionService, earlyHelpService, schoolNotificationsService, analyticsService],
      {
        ...withToken,
        'school-notifications': { METRICS_TOKEN, WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' },
      },
    );
    prometheus = await startPrometheus({
      targets: Object.fromEntries(SERVICES.map((service) => [service, new URL(url(service)).host])),
      metricsToken: METRICS_TOKEN,
      ruleFiles: [ALERTS],
    });
    receiver.push(await registerSchoolWithWebhook(url('school-notifications'), { urn: SCHOOL, name: 'Prometheus Primary' }));
  });
  afterAll(async () => {
    await prometheus?.stop();
    await running?.stop();
    for (const each of receiver) await each.close();
  });

  it('scrapes all five services with the bearer token: up is 1 for each job', async () => {
    await eventually(
      async () => {
        // Each job scraped at least once within the last minute: five services in one test process, on a
        // machine running two test files at a time, miss a scrape's deadline now and then.
        const up = await prometheus.query('max_over_time(up[1m])');
        expect(Object.fromEntries(up.map((series) => [series.metric.job, series.value[1]]))).toEqual(
          Object.fromEntries(SERVICES.map((service) => [service, '1'])),
        );
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  });

  it('answers the series of three referrals decided, from the service that wrote them to the school told of them', async () => {
    for (let child = 0; child < 3; child += 1) {
      const referral = await request(url('referral-intake'))
        .post('/v1/referrals')
        .set('Authorization', await auth('SCHOOL', SCHOOL))
        .send({
          receivedAt: '2025-01-03T09:00:00Z',
          referrer: { source: '2A', organisationId: SCHOOL, name: 'Sam Example', role: 'DSL' },
          child: { givenName: 'Ada', familyName: 'Promfield', dateOfBirth: `2014-06-0${child + 1}`, sex: 'F', schoolUrn: SCHOOL },
          concerns: { summary: 'Attendance has dropped and she has disclosed worries at home.', factors: ['16A'] },
          consent: { given: true },
        })
        .expect(201);
      await request(url('referral-intake'))
        .post(`/v1/referrals/${referral.body.referralId}/decision`)
        .set('Authorization', await auth('FRONT_DOOR'))
        .send({ outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Disclosure.', decidedAt: '2025-01-03T15:00:00Z' })
        .expect(200);
    }

    await eventually(
      async () => {
        expect(await valueOf('sum(csc_events_appended_total{job="referral-intake", event_type="ReferralReceived"})')).toBe(3);
        expect(await valueOf('sum(csc_relay_events_published_total{job="referral-intake"})')).toBe(
          await valueOf('sum(csc_events_appended_total{job="referral-intake"})'),
        );
        expect(
          await valueOf('sum(csc_http_request_duration_seconds_count{job="referral-intake", route="/v1/referrals", status="201"})'),
        ).toBe(3);
        expect(
          await valueOf(
            `sum(csc_consumer_events_total{consumer="school-notifications${running.topicSuffix}", event_type="ReferralReceived", outcome="handled"})`,
          ),
        ).toBe(3);
        expect(await valueOf('sum(csc_events_appended_total{job="case-progression", event_type="CaseOpened"})')).toBe(3);
        expect(await valueOf(`sum(csc_webhook_attempts_total{school="${SCHOOL}", outcome="delivered"})`)).toBe(6);
        expect(await valueOf(`sum(csc_consumer_lag_events{consumer="school-notifications${running.topicSuffix}"})`)).toBe(0);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    // Each service labels its own series: the label and the job agree.
    const appended = await prometheus.query('csc_events_appended_total');
    expect(new Set(appended.map((series) => `${series.metric.job}=${series.metric.service}`))).toEqual(
      new Set(appended.map((series) => `${series.metric.job}=${series.metric.job}`)),
    );
  });

  it("evaluates every expression of the Grafana dashboard, and the flow's panels have data", async () => {
    const dashboard: Dashboard = JSON.parse(readFileSync(join(OBSERVABILITY, 'grafana/dashboards/csc-event-flow.json'), 'utf8'));
    // Grafana's own variables, as Grafana fills them: every service, a rate window of a few scrapes.
    const asGrafanaSends = (expression: string) => expression.replaceAll('$__rate_interval', '30s').replaceAll('$service', '.*');
    const seriesPerPanelNow = async () => {
      const seriesPerPanel: Record<string, number> = {};
      for (const panel of dashboard.panels)
        for (const target of panel.targets ?? [])
          seriesPerPanel[panel.title] = (seriesPerPanel[panel.title] ?? 0) + (await prometheus.query(asGrafanaSends(target.expr))).length;
      return seriesPerPanel;
    };

    const withData = [
      'Events written per second, by type',
      'Events published to Kafka per second',
      'Outbox backlog',
      'Reactions: events per second by outcome',
      'Consumer group lag',
      'Projection lag',
      'Webhook posts per second, by outcome',
      'Latency p95 by route',
      'CPU',
      'Memory',
      'Up',
    ];
    // A rate needs two scrapes of a series: one that first appeared a moment ago (the webhook posts) has none yet.
    await eventually(
      async () => {
        const seriesPerPanel = await seriesPerPanelNow();
        expect(withData.filter((title) => !(seriesPerPanel[title] > 0))).toEqual([]);
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
  });

  it('loads the alert rules, every one evaluated without error, and none fires for this healthy system', async () => {
    const names = readAlertRules(readFileSync(ALERTS, 'utf8')).map((rule) => rule.name);
    await eventually(
      async () => {
        const rules = (await prometheus.api<Rules>('/api/v1/rules')).groups.flatMap((group) => group.rules);
        expect(rules.map((rule) => rule.name).sort()).toEqual([...names].sort());
        expect(rules.filter((rule) => rule.health !== 'ok' || rule.lastEvaluation.startsWith('0001'))).toEqual([]);
      },
      { timeoutMs: 10_000, intervalMs: 250 },
    );
    const { alerts } = await prometheus.api<{ alerts: { labels: Record<string, string>; state: string }[] }>('/api/v1/alerts');
    expect(alerts.filter((alert) => alert.state === 'firing')).toEqual([]);
  });
});
