import type { Browser, Page } from 'puppeteer-core';
import { eventually, startServices, type ServicesUnderTest } from '@csc/testing';
import { caseProgressionService } from '../../../case-progression/src/case-progression.service-definition';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { statutoryReturnsService } from '../../../statutory-returns/src/statutory-returns.service-definition';
import { launchBrowser, textOf } from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';
import { apiAs, clearAndType, followLink, screenChecks, signIn, submitWith, uniqueFamilyName } from '../../test/journey';
import { todayInEngland } from '../display/calendar-day';
import { recentCollectionYears } from './collection-years';

/** The current collection year (the page's default), the last one (closed) that this test's children are referred in, and one before any of them. */
const [CURRENT_YEAR, YEAR, EARLIER_YEAR] = recentCollectionYears(todayInEngland());
const START = Number(YEAR.slice(0, 4));
/** A day of the last collection year: `on(6, 2)` is 2 June in its first calendar year, `on(3, 31)` its last day. */
const on = (month: number, day: number) =>
  `${month >= 4 ? START : START + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** A download fetched in the page, with its cookies, as a link would: its type, its name, and its first bytes or its text. */
const download = (page: Page, href: string) =>
  page.evaluate(`fetch(${JSON.stringify(href)}).then(async (response) => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'),
      first: [...bytes.slice(0, 4)], text: new TextDecoder().decode(bytes) };
  })`) as Promise<{ status: number; type: string; disposition: string | null; first: number[]; text: string }>;

describe('the console, as analysts and admins make the statutory returns (every page checked with axe for WCAG 2.2 AA)', () => {
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  const screens = screenChecks('axe-results-returns.json');
  const familyName = uniqueFamilyName();
  const url = (service: string) => services.services[service].url;
  const frontDoor = apiAs(() => url('referral-intake'), 'FRONT_DOOR', 'LA888');
  const cases = apiAs(() => url('case-progression'), 'SOCIAL_WORKER', 'LA888');
  const returns = apiAs(() => url('statutory-returns'), 'ANALYST', 'LA888');

  /** A referral received and decided on `day`: its child's id. */
  const referral = async (child: Record<string, unknown>, day: string, outcome: string, primaryNeed: string): Promise<string> => {
    const { body } = await frontDoor('POST', '/v1/referrals', {
      receivedAt: `${day}T09:30:00Z`,
      referrer: { source: '6', name: 'PC Example', organisationId: 'police' },
      child: { familyName, dateOfBirth: '2014-06-01', sex: 'F', ...child },
      concerns: { summary: 'Concerns reported.' },
      consent: { given: true },
    });
    const decided = await frontDoor('POST', `/v1/referrals/${body.referralId}/decision`, {
      outcome,
      primaryNeed,
      decidedAt: `${day}T16:00:00Z`,
      rationale: 'Decided at the front door.',
    });
    expect(decided.status).toBe(200);
    return body.childId;
  };

  let ameliasCase: string;

  beforeAll(async () => {
    services = await startServices('console_returns', [referralIntakeService, caseProgressionService, statutoryReturnsService], {
      'statutory-returns': { LOCAL_AUTHORITY_CODE: '888' },
    });
    // Amelia: accepted in June with no ethnicity recorded (4220), her assessment started and never authorised (8670Q).
    const amelia = await referral({ givenName: 'Amelia' }, on(6, 2), 'ACCEPTED_FOR_ASSESSMENT', 'N1');
    const opened = await eventually(
      async () => {
        const { body } = await cases('GET', `/v1/children/${amelia}/cases`);
        expect(body).toHaveLength(1);
        return body[0] as { caseId: string; version: number };
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    ameliasCase = opened.caseId;
    const started = await cases(
      'POST',
      `/v1/cases/${opened.caseId}/assessments`,
      { startedAt: on(6, 3) },
      { 'If-Match': `"${opened.version}"` },
    );
    expect(started.status).toBe(201);
    // Ben: closed with no further action, everything recorded.
    await referral({ givenName: 'Ben', sex: 'M', ethnicity: 'WBRI', disabilities: ['NONE'] }, on(9, 15), 'NFA', 'N9');
    await eventually(
      async () => {
        const { body } = await returns('GET', `/v1/returns/cin-census/${YEAR}/report`);
        expect(body).toMatchObject({ children: 2, counts: expect.arrayContaining([expect.objectContaining({ rule: '8670Q', count: 1 })]) });
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    consoleApp = await startConsoleUnderTest({
      REFERRAL_INTAKE_URL: url('referral-intake'),
      CASE_PROGRESSION_URL: url('case-progression'),
      STATUTORY_RETURNS_URL: url('statutory-returns'),
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    screens.write();
    await browser?.close();
    await consoleApp?.stop();
    await services?.stop();
  });

  afterAll(() => {
    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
    expect(screens.findings.every((finding) => finding.rulesPassed > 10)).toBe(true);
  });

  it('lets an admin read a year’s census report, filter its findings by rule, and download the file, the findings and Annex A', async () => {
    const page = await browser.newPage();
    await signIn(page, consoleApp.url, 'ADMIN', 'LA888');
    await followLink(page, 'Statutory returns');
    // The current collection year first: Amelia's case is still open, so she is in it.
    expect(await page.$eval('#year', (select) => (select as unknown as { value: string }).value)).toBe(CURRENT_YEAR);
    expect(await textOf(page, '#census-summary')).toContain('Children 1');

    // The year before the last: no child in this test's log had an episode then; said so, not an error.
    await page.select('#year', EARLIER_YEAR);
    expect(await submitWith(page, 'Show the census report')).toBe(200);
    expect(await textOf(page, '#no-return')).toBe(
      `There is no CIN census return for ${EARLIER_YEAR}: no child had a child in need episode open that year.`,
    );
    await screens.check(page, 'returns-no-return');

    await page.select('#year', YEAR);
    expect(await submitWith(page, 'Show the census report')).toBe(200);
    const { body: report } = await returns('GET', `/v1/returns/cin-census/${YEAR}/report`);
    expect(await textOf(page, '#census-summary')).toBe(
      `Collection period 1 April ${START} to 31 March ${START + 1} Children 2 CIN details 2 Errors ${report.errors} Queries ${report.queries}`,
    );
    expect(report.errors).toBeGreaterThan(0);
    expect(await textOf(page, '#rule-counts tbody')).toMatch(/8670Q Query Please check and either amend data or provide a reason: .* 1/);
    expect(await textOf(page, '#rule-counts tbody')).toContain('4220 Error Ethnicity is missing or invalid (see Ethnicity table) 1');
    expect(await textOf(page, '#findings tbody')).toContain('Ethnicity');
    await screens.check(page, 'returns-report');

    await page.select('#rule', '8670Q');
    expect(await submitWith(page, 'Filter findings')).toBe(200);
    const rows = await page.$$eval('#findings tbody tr', (found) =>
      found.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toHaveLength(1);
    const late = report.findings.find((finding: { rule: string }) => finding.rule === '8670Q');
    expect(rows[0]).toBe(`8670Q ${late.laChildId} ${ameliasCase} AssessmentActualStartDate ${late.message}`);
    await screens.check(page, 'returns-findings-filtered');

    // The census file, through the console's backend: the service's name for it, and the year in its header.
    const xml = await download(page, `/returns/cin-census/${YEAR}.xml`);
    expect(xml).toMatchObject({
      status: 200,
      type: 'application/xml; charset=utf-8',
      disposition: `attachment; filename="CIN_census_${YEAR}_888.xml"`,
    });
    expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml.text).toContain(`<Year>${START + 1}</Year><ReferenceDate>${on(3, 31)}</ReferenceDate>`);
    // The findings of the rule filtered, as CSV from the page's own link.
    const csvHref = await page.$eval('a[href*="findings.csv"]', (link) => link.getAttribute('href') ?? '');
    const csv = await download(page, csvHref);
    expect(csv).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' });
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('Rule,Error or query,LA child ID,Child ID,Case ID,Element,Message');
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['8670Q']);

    // Annex A: a day that does not exist is named by the field; a real one is the workbook.
    await clearAndType(page, '#asOf', `${START + 1}-02-30`);
    expect(await submitWith(page, 'Download Annex A (.xlsx)')).toBe(400);
    expect(await textOf(page, '#asOf-error')).toContain('As of date must be a real date as YYYY-MM-DD');
    expect(await page.title()).toMatch(/^Error: /);
    await screens.check(page, 'returns-annex-a-refused');
    const workbook = await download(page, `/returns/annex-a?asOf=${on(3, 31)}`);
    expect(workbook).toMatchObject({
      status: 200,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="annex-a-${on(3, 31)}.xlsx"`,
      first: [0x50, 0x4b, 0x03, 0x04],
    });

    // A year the service refuses: its message by the select, never an error page.
    const refused = await page.goto(`${consoleApp.url}/returns?year=2025-27`);
    expect(refused?.status()).toBe(400);
    expect(await textOf(page, '#year-error')).toContain('Year must be a collection year as the DfE writes it, e.g. 2025-26');
    await screens.check(page, 'returns-year-refused');
  });

  it('shows an analyst the same report, and a social worker the page saying the role cannot see it', async () => {
    const analyst = await (await browser.createBrowserContext()).newPage();
    await signIn(analyst, consoleApp.url, 'ANALYST', 'LA888');
    expect(await textOf(analyst, '.govuk-service-navigation')).toContain('Statutory returns');
    await analyst.goto(`${consoleApp.url}/returns?year=${YEAR}`);
    expect(await textOf(analyst, '#census-summary')).toContain('Children 2');
    await screens.check(analyst, 'returns-analyst');

    const socialWorker = await (await browser.createBrowserContext()).newPage();
    await signIn(socialWorker, consoleApp.url, 'SOCIAL_WORKER', 'LA888');
    expect(await textOf(socialWorker, '.govuk-service-navigation')).not.toContain('Statutory returns');
    const forbidden = await socialWorker.goto(`${consoleApp.url}/returns`);
    expect(forbidden?.status()).toBe(403);
    expect(await textOf(socialWorker, 'h1')).toBe('You cannot see this page');
    await screens.check(socialWorker, 'returns-forbidden');
  });
});
