import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { eventually, startServices, testToken, type ServicesUnderTest } from '@csc/testing';
import { analyticsService } from '../../../analytics/src/analytics.service-definition';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { checkScreen, launchBrowser, textOf, type AxeFinding } from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';

const SCHOOL = '100001';
const FRONT_DOOR_SUB = 'front-door-analyst-test';
/**
 * The month the test's referrals are made in: the middle of last month, so that all three fall in one
 * month whatever day the test runs (hours before now would straddle two at the start of a month).
 */
const MIDDLE_OF_LAST_MONTH = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 15, 12);
const referralMonth = new Date(MIDDLE_OF_LAST_MONTH).toISOString().slice(0, 7);

/** The dashboard's first chart, read in the page (this project's TypeScript has no DOM types, so the scripts are strings). */
const CHART = `Chart.getChart(document.getElementById('chart-re-referrals-by-month'))`;

describe('the console, as an analyst and an admin use it (every page checked with axe for WCAG 2.2 AA)', () => {
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  const findings: AxeFinding[] = [];
  const url = (service: string) => services.services[service].url;
  const familyName = `Analysed${randomUUID()
    .slice(0, 6)
    .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)])}`;

  const call = async (role: 'SCHOOL' | 'FRONT_DOOR', path: string, body: unknown) => {
    const token = await testToken(
      role === 'SCHOOL' ? { sub: 'dsl-100001', role, org: SCHOOL } : { sub: FRONT_DOOR_SUB, role, org: 'LA888' },
    );
    const response = await fetch(`${url('referral-intake')}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as { referralId: string };
  };
  /** A school refers the child and the front door decides, an hour later. */
  const referAndDecide = async (givenName: string, receivedAt: Date, outcome: string) => {
    const { referralId } = await call('SCHOOL', '/v1/referrals', {
      receivedAt: receivedAt.toISOString(),
      referrer: { source: '2A', organisationId: SCHOOL, name: 'Sam Example', role: 'DSL' },
      child: { givenName, familyName, dateOfBirth: '2014-06-01', sex: 'F', postcode: 'FY1 4QS', schoolUrn: SCHOOL },
      concerns: { summary: 'Concerns for the dashboard test.', factors: ['21'] },
      consent: { given: true },
    });
    await call('FRONT_DOOR', `/v1/referrals/${referralId}/decision`, {
      outcome,
      primaryNeed: outcome === 'ACCEPTED_FOR_ASSESSMENT' || outcome === 'NFA' ? 'N1' : undefined,
      rationale: 'For the dashboard test.',
      decidedAt: new Date(receivedAt.getTime() + 3600_000).toISOString(),
    });
  };
  const check = async (page: Page, name: string) => {
    const finding = await checkScreen(page, name);
    findings.push(finding);
    const problems = finding.violations.map((violation) => `\n  ${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
    process.stdout.write(`axe ${name}: ${finding.violations.length} violations, ${finding.rulesPassed} rules passed${problems.join('')}\n`);
  };
  const signIn = async (page: Page, role: string) => {
    await page.goto(`${consoleApp.url}/sign-in`);
    await page.click(`input[name=role][value=${role}]`);
    await page.type('#organisation', 'LA888');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button')]);
  };

  beforeAll(async () => {
    services = await startServices('console_analyst', [referralIntakeService, analyticsService]);
    // Amelia referred twice in the month (the second a re-referral), Ben once: 1 of 3 CIN referrals re-referred.
    const hoursAgo = (hours: number) => new Date(MIDDLE_OF_LAST_MONTH - hours * 3600_000);
    await referAndDecide('Amelia', hoursAgo(30), 'NFA');
    await referAndDecide('Amelia', hoursAgo(20), 'ACCEPTED_FOR_ASSESSMENT');
    await referAndDecide('Ben', hoursAgo(10), 'NFA');
    const token = await testToken({ sub: 'analyst-test', role: 'ANALYST', org: 'LA888' });
    await eventually(
      async () => {
        const response = await fetch(`${url('analytics')}/v1/views/re-referrals?groupBy=month`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const rows = (await response.json()) as { perReferral: { of: number } }[];
        expect(rows.reduce((total, row) => total + row.perReferral.of, 0)).toBe(3);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    consoleApp = await startConsoleUnderTest({ REFERRAL_INTAKE_URL: url('referral-intake'), ANALYTICS_URL: url('analytics') });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await services?.stop();
  });

  afterAll(() => {
    expect(findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
  });

  it('shows the dashboard: charts drawn, tables of the same numbers, counts on hover, a CSV, and the period checked by the API', async () => {
    const page = await browser.newPage();
    await signIn(page, 'ANALYST');
    await Promise.all([page.waitForNavigation(), page.click('a[href="/analytics"]')]);
    await page.waitForFunction(`${CHART} !== undefined`);
    await check(page, 'analyst-dashboard');

    // The tables, from the views: this month's re-referrals, and the school's appropriateness.
    expect(await textOf(page, '#table-re-referrals-by-month tbody')).toBe(`${referralMonth} 1 of 3 (33.3%) 1 of 2 (50%)`);
    expect(await textOf(page, '#table-appropriateness-by-school tbody')).toContain(`${SCHOOL} 1 of 3 (33.3%) 0 of 3 (0%) 2 of 3 (66.7%)`);
    expect(await textOf(page, '#table-appropriateness-by-source tbody')).toContain('2A: Schools');
    // A chart drawn for every figure with something counted; none for timeliness, with no assessment yet.
    expect(
      await page.evaluate(`[...document.querySelectorAll('canvas')].map((canvas) => Chart.getChart(canvas) ? canvas.id : 'not drawn')`),
    ).toEqual([
      'chart-re-referrals-by-month',
      'chart-appropriateness-by-school',
      'chart-appropriateness-by-source',
      'chart-early-help-funnel',
    ]);
    expect(await textOf(page, '#timeliness-by-month')).toContain('Nothing counted in this period.');

    // Hovering the month's bar: the tooltip gives the counts, not only the rate.
    const bar = (await page.evaluate(`(() => {
      const chart = ${CHART};
      chart.canvas.scrollIntoView({ block: 'center' });
      const box = chart.canvas.getBoundingClientRect();
      const bar = chart.getDatasetMeta(0).data[0];
      return { x: box.left + bar.x, y: box.top + (bar.y + bar.base) / 2 };
    })()`)) as { x: number; y: number };
    await page.mouse.move(bar.x, bar.y);
    await page.waitForFunction(`${CHART}.tooltip.getActiveElements().length > 0`, { timeout: 5000 });
    expect(await page.evaluate(`${CHART}.tooltip.body.flatMap((item) => item.lines)`)).toEqual([
      'Re-referrals (per referral): 33.3% (1 of 3)',
    ]);

    // The CSV behind the link: a header line, then the same numbers.
    const href = await page.$eval('#re-referrals-by-month a[download]', (link) => link.getAttribute('href'));
    const csv = (await page.evaluate(`fetch(${JSON.stringify(href)}).then(async (response) => ({
      type: response.headers.get('content-type'), body: await response.text() }))`)) as { type: string; body: string };
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n')).toEqual([
      'Month,Re-referrals (per referral): count,Re-referrals (per referral): out of,Re-referrals (per referral): rate,' +
        'Children re-referred (per child): count,Children re-referred (per child): out of,Children re-referred (per child): rate',
      `${referralMonth},1,3,0.3333,1,2,0.5`,
      '',
    ]);

    // A period the API refuses: its message by the field, no figures.
    await page.type('#from', '2025-02-30');
    const refused = (await Promise.all([page.waitForNavigation(), page.click('form[action="/analytics"] button')]))[0];
    expect(refused?.status()).toBe(400);
    expect(await textOf(page, '#from-error')).toContain('From');
    expect(await page.title()).toMatch(/^Error: /);
    await check(page, 'analyst-dashboard-refused');

    await Promise.all([page.waitForNavigation(), page.click('a[href="/analytics/projections"]')]);
    expect(await textOf(page, '#projections tbody')).toContain('Serving the views');
    expect(await page.$$('button.govuk-button--warning')).toEqual([]);
    await check(page, 'analyst-projections');
  });

  it('lets an admin start a rebuild of a projection, then read the audit log page by page', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    await signIn(page, 'ADMIN');
    await page.goto(`${consoleApp.url}/analytics/projections`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/analytics/projections/referrals/rebuild"] button')]);
    expect(await textOf(page, '.govuk-notification-banner')).toContain('Rebuilding referrals from the start of the log');
    expect(await textOf(page, '#projections tbody')).toMatch(/referrals v2 (Rebuilding|Serving the views)/);
    await check(page, 'admin-projections-rebuilding');

    // The audit log: what the front door did in referral-intake (three decisions), newest first, paged by nextBefore.
    await Promise.all([page.waitForNavigation(), page.click('a[href="/admin/audit-log"]')]);
    await check(page, 'admin-audit-log');
    await page.select('#service', 'referralIntake');
    await page.type('#userId', FRONT_DOOR_SUB);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/audit-log"] button')]);
    const calls = await page.$$eval('#audit-log tbody tr', (rows) =>
      rows.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    expect(calls).toHaveLength(3);
    for (const call of calls)
      expect(call).toMatch(new RegExp(`${FRONT_DOOR_SUB}, FRONT_DOOR, LA888 .* POST /v1/referrals/\\{id\\}/decision 200$`));
    await check(page, 'admin-audit-log-found');
    await page.goto(`${consoleApp.url}/admin/audit-log?service=referralIntake&userId=${FRONT_DOOR_SUB}&limit=2`);
    expect(await page.$$eval('#audit-log tbody tr', (rows) => rows.length)).toBe(2);
    await Promise.all([page.waitForNavigation(), page.click('a[rel=next]')]);
    expect(await page.$$eval('#audit-log tbody tr', (rows) => rows.length)).toBe(1);
    expect(await textOf(page, 'a[rel=first]')).toBe('Newest entries');
  });
});
