import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAlertRules } from './alert-rules-file';
import { exportedMetricNames } from './exported-metric-names';
import { metricNamesIn, metricOfLabelValues } from './promql-metric-names';

// Grafana cannot be installed here: its dashboard is checked as data, against the names the code exports.
const OBSERVABILITY = join(__dirname, '../../infra/observability');

interface Dashboard {
  panels: { type: string; title: string; targets?: { expr: string }[] }[];
  templating: { list: { name: string; query: { query: string } }[] };
}
const dashboard: Dashboard = JSON.parse(readFileSync(join(OBSERVABILITY, 'grafana/dashboards/csc-event-flow.json'), 'utf8'));
const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
const alerts = readAlertRules(readFileSync(join(OBSERVABILITY, 'alerts.yml'), 'utf8'));
const exported = exportedMetricNames();

const unknownNamesIn = (expressions: string[]) => expressions.flatMap(metricNamesIn).filter((name) => !exported.has(name));

describe('the metric names the dashboard and the alerts read', () => {
  it('are collected from the code: the platform, the webhooks, prom-client and Prometheus', () => {
    for (const name of ['csc_events_appended_total', 'csc_http_request_duration_seconds_bucket', 'csc_webhook_oldest_pending_seconds'])
      expect(exported).toContain(name);
    for (const name of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'up']) expect(exported).toContain(name);
    expect(exported).not.toContain('csc_http_request_duration_seconds');
  });

  it('are read out of PromQL: metrics, not functions, labels, keywords or numbers', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, route) (rate(csc_http_request_duration_seconds_bucket{route!="x", service=~"$service"}[5m]))) > 2 and on (route) up offset 1h',
      ),
    ).toEqual(['csc_http_request_duration_seconds_bucket', 'up']);
    expect(unknownNamesIn(['rate(csc_http_request_duration_seconds[5m])'])).toEqual(['csc_http_request_duration_seconds']);
  });

  it('in every panel of the Grafana dashboard are ones the services export', () => {
    const expressions = panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    expect(panels.every((panel) => (panel.targets ?? []).length > 0)).toBe(true);
    expect(unknownNamesIn(expressions)).toEqual([]);
  });

  it("in the dashboard's variables are ones the services export", () => {
    const metrics = dashboard.templating.list.map((variable) => metricOfLabelValues(variable.query.query));
    expect(metrics.filter((metric) => metric === null || !exported.has(metric))).toEqual([]);
  });

  it('in every alert rule are ones the services export', () => {
    expect(alerts.length).toBeGreaterThan(0);
    expect(unknownNamesIn(alerts.map((rule) => rule.expression))).toEqual([]);
  });

  it('cover flow, lag, dead letters, webhooks, latency and the processes on the dashboard', () => {
    const read = new Set(panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => metricNamesIn(target.expr))));
    for (const name of [
      'csc_events_appended_total',
      'csc_relay_events_published_total',
      'csc_outbox_backlog_events',
      'csc_consumer_lag_events',
      'csc_projection_lag_events',
      'csc_consumer_events_total',
      'csc_projection_dead_lettered_events',
      'csc_webhook_attempts_total',
      'csc_webhook_oldest_pending_seconds',
      'csc_http_request_duration_seconds_bucket',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
    ])
      expect(read).toContain(name);
  });
});
