import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAlertRules, withoutAnnotations } from './alert-rules-file';
import { promtool } from './promtool';

// promtool is a local program over local files (no server, no network), so these run with the unit tests.
const OBSERVABILITY = join(__dirname, '../../infra/observability');
const ALERTS = join(OBSERVABILITY, 'alerts.yml');
const rules = readAlertRules(readFileSync(ALERTS, 'utf8'));

/** docs/operations.md's headings as GitHub anchors them. */
const runbookAnchors = readFileSync(join(__dirname, '../../docs/operations.md'), 'utf8')
  .split('\n')
  .filter((line) => /^#{2,3} /.test(line))
  .map(
    (line) =>
      `docs/operations.md#${line
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-')}`,
  );

describe('the alert rules (infra/observability/alerts.yml)', () => {
  it('are valid rules, by promtool', () => {
    const { ok, output } = promtool('check', 'rules', ALERTS);
    expect({ ok, output }).toEqual({ ok: true, output: expect.stringContaining(`SUCCESS: ${rules.length} rules found`) });
  });

  it('each fire for a system in trouble and not for a healthy one (promtool test rules, alerts.test.yml)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'csc-alert-tests-'));
    try {
      cpSync(join(OBSERVABILITY, 'alerts.test.yml'), join(directory, 'alerts.test.yml'));
      writeFileSync(join(directory, 'alerts.yml'), withoutAnnotations(readFileSync(ALERTS, 'utf8')));
      const { ok, output } = promtool('test', 'rules', join(directory, 'alerts.test.yml'));
      expect({ ok, output }).toEqual({ ok: true, output: expect.stringContaining('SUCCESS') });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('are each tested by alerts.test.yml', () => {
    const tested = new Set(
      [...readFileSync(join(OBSERVABILITY, 'alerts.test.yml'), 'utf8').matchAll(/alertname: (\w+)/g)].map((m) => m[1]),
    );
    expect(rules.map((rule) => rule.name).filter((name) => !tested.has(name))).toEqual([]);
  });

  it('cover what the operators must hear of', () => {
    expect(rules.map((rule) => rule.name).sort()).toEqual(
      [
        'ConsumerLagGrowing',
        'DeadLettersWaiting',
        'HttpServerErrors',
        'ProjectionDeadLettered',
        'ProjectionLagGrowing',
        'ReactionDeadLettered',
        'RelayHalted',
        'RelayStalled',
        'SchoolNotificationWaitingOverAnHour',
        'ServiceDown',
      ].sort(),
    );
  });

  it.each(rules.map((rule) => [rule.name, rule]))('%s waits, says how bad it is and tells the operator what to do', (_, rule) => {
    expect(rule.for).toMatch(/^\d+[smh]$/);
    expect(['critical', 'warning']).toContain(rule.labels.severity);
    expect(rule.annotations.summary?.length).toBeGreaterThan(20);
    expect(rule.annotations.description?.length).toBeGreaterThan(80);
    expect(runbookAnchors).toContain(rule.annotations.runbook);
  });
});

describe('the Prometheus configurations (infra/observability)', () => {
  it('beside npm start: valid, its rule files found and valid, by promtool', () => {
    const { ok, output } = promtool('check', 'config', join(OBSERVABILITY, 'prometheus.local.yml'));
    expect({ ok, output }).toEqual({ ok: true, output: expect.stringContaining('SUCCESS') });
  });

  // Its token file is the deployment's secret, mounted at /run/secrets (absent here): its syntax, and alerts.yml above.
  it('for compose and production: valid, by promtool', () => {
    const { ok, output } = promtool('check', 'config', '--syntax-only', join(OBSERVABILITY, 'prometheus.yml'));
    expect({ ok, output }).toEqual({ ok: true, output: expect.stringContaining('SUCCESS') });
  });
});
