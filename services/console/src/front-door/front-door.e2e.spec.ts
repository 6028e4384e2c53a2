import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { eventually, parsePrometheusSamples, startServices, sumOfSamples, testToken, type ServicesUnderTest } from '@csc/testing';
import { caseProgressionService } from '../../../case-progression/src/case-progression.service-definition';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import {
  checkScreen,
  fieldValue,
  isChecked,
  launchBrowser,
  waitForFocusOn,
  pressAndWaitForPage,
  SCREENS,
  tabTo,
  textOf,
  type AxeFinding,
} from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';
import { FormSession } from '../../test/form-session';

const DAY = 24 * 60 * 60 * 1000;
const NHS_NUMBER = '9434765919';

/** A school's referral about one made-up child (the same NHS number each time, so the second finds the first). */
const aReferral = (familyName: string, receivedAt: Date) => ({
  receivedAt: receivedAt.toISOString(),
  referrer: { source: '2A', organisationId: '100001', name: 'Sam Example', role: 'DSL' },
  child: {
    givenName: 'Amelia',
    familyName,
    dateOfBirth: '2014-06-01',
    sex: 'F',
    nhsNumber: NHS_NUMBER,
    postcode: 'FY1 4QS',
    schoolUrn: '100001',
  },
  concerns: { summary: 'Attendance has dropped and she has disclosed worries at home.', factors: ['16A'] },
  consent: { given: true },
});

describe('the console, as the front door uses it (keyboard only, every page checked with axe for WCAG 2.2 AA)', () => {
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  let page: Page;
  const findings: AxeFinding[] = [];
  const familyName = `Testchild${randomUUID()
    .slice(0, 6)
    .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)])}`;
  let earlier: { referralId: string };
  let waiting: { referralId: string };

  const intake = () => services.services['referral-intake'].url;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, checked by each expectation
  const callIntake = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const token = await testToken({ sub: 'front-door-test', role: 'FRONT_DOOR', org: 'LA888' });
    const response = await fetch(`${intake()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const check = async (name: string) => {
    const finding = await checkScreen(page, name);
    findings.push(finding);
    const problems = finding.violations.map((violation) => `\n  ${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
    process.stdout.write(`axe ${name}: ${finding.violations.length} violations, ${finding.rulesPassed} rules passed${problems.join('')}\n`);
  };

  beforeAll(async () => {
    services = await startServices('console_front_door', [referralIntakeService, caseProgressionService]);
    // A child referred a month ago and accepted (a CIN referral, so a case opens), then referred again ten days ago, not yet decided.
    earlier = (await callIntake('POST', '/v1/referrals', aReferral(familyName, new Date(Date.now() - 30 * DAY)))).body;
    expect(
      (
        await callIntake('POST', `/v1/referrals/${earlier.referralId}/decision`, {
          outcome: 'ACCEPTED_FOR_ASSESSMENT',
          primaryNeed: 'N1',
          rationale: 'Escalating concerns.',
        })
      ).status,
    ).toBe(200);
    waiting = (await callIntake('POST', '/v1/referrals', aReferral(familyName, new Date(Date.now() - 10 * DAY)))).body;
    // The open case reaches the queue through case-progression's CaseOpened event.
    await eventually(
      async () => {
        const queue = await callIntake('GET', '/v1/referrals?status=RECEIVED');
        expect(queue.body.items).toEqual([
          expect.objectContaining({ referralId: waiting.referralId, childKnown: true, openCase: true, reReferral: true, overdue: true }),
        ]);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    consoleApp = await startConsoleUnderTest({ REFERRAL_INTAKE_URL: intake() });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    writeFileSync(resolve(SCREENS, 'axe-results.json'), JSON.stringify(findings, null, 2));
    await browser?.close();
    await consoleApp?.stop();
    await services?.stop();
  });

  it('signs in, reads the queue, opens a referral, asks a question, is told what is missing, and decides', async () => {
    // Signing in: a role and an organisation.
    await page.goto(`${consoleApp.url}/sign-in`);
    await check('sign-in');
    await tabTo(page, { id: 'role' });
    await page.keyboard.press('Space');
    await tabTo(page, { id: 'organisation' });
    await page.keyboard.type('LA888');
    await tabTo(page, { text: 'Sign in' });
    await pressAndWaitForPage(page, 'Enter');
    expect(await textOf(page, 'h1')).toBe('What you can do here');
    await check('home');

    // The queue: the undecided referral with its clock and flags.
    await tabTo(page, { text: 'Referrals waiting for a decision' });
    await pressAndWaitForPage(page, 'Enter');
    await check('queue');
    const row = await textOf(page, 'table.app-queue tbody');
    expect(row).toContain(`Amelia ${familyName}`);
    for (const shown of ['Overdue', 'Child known', 'Open case', 'Re-referral within 12 months', 'working hours', '2A: Schools'])
      expect(row).toContain(shown);
    expect(await page.$$eval('table.app-queue tbody tr', (rows) => rows.length)).toBe(1);

    // The referral: its details, chronology and the child's other referral.
    await tabTo(page, { text: `Amelia ${familyName}` });
    await pressAndWaitForPage(page, 'Enter');
    expect(await textOf(page, 'h1')).toContain(`Amelia ${familyName}`);
    expect(await textOf(page, '#chronology')).toContain('Referral received');
    expect(await textOf(page, '#other-referrals')).toContain('Accepted for assessment');
    await check('referral');

    // Asking the referrer for more information.
    await tabTo(page, { id: 'question' });
    await page.keyboard.type('Who else lives at home?');
    await tabTo(page, { text: 'Send the question' });
    await pressAndWaitForPage(page, 'Enter');
    expect(await textOf(page, '#main-content')).toContain('Who else lives at home?');

    // Deciding without a rationale: the API's message by the field, and nothing decided.
    await tabTo(page, { id: 'outcome' });
    await page.keyboard.press('Space');
    await tabTo(page, { id: 'primaryNeed' });
    await page.keyboard.press('ArrowDown');
    expect(await fieldValue(page, 'primaryNeed')).toBe('N1');
    await tabTo(page, { text: 'Record the decision' });
    const refused = await pressAndWaitForPage(page, 'Enter');
    expect(refused?.status()).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain('Rationale should not be empty');
    expect(await textOf(page, '#rationale-error')).toContain('Rationale should not be empty');
    expect(await page.title()).toMatch(/^Error: /);
    await check('referral-decision-refused');
    expect((await callIntake('GET', `/v1/referrals/${waiting.referralId}`)).body).toMatchObject({
      status: 'AWAITING_INFORMATION',
      decision: null,
    });

    // The summary's link takes focus to the field; the choices made are kept.
    await tabTo(page, { text: 'Rationale should not be empty' }, { backwards: true });
    await page.keyboard.press('Enter');
    await waitForFocusOn(page, 'rationale');
    await page.keyboard.type('Known child, open case, and a disclosure: accepted for assessment.');
    expect(await isChecked(page, 'outcome')).toBe(true);
    await tabTo(page, { text: 'Record the decision' });
    await pressAndWaitForPage(page, 'Enter');
    expect(await textOf(page, '#main-content')).toContain('Accepted for assessment');
    expect(await textOf(page, '#chronology')).toContain('Decided: accepted for assessment (primary need N1: abuse or neglect)');
    await check('referral-decided');
    expect((await callIntake('GET', `/v1/referrals/${waiting.referralId}`)).body).toMatchObject({
      status: 'DECIDED',
      decision: { outcome: 'ACCEPTED_FOR_ASSESSMENT' },
    });

    expect(findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
    expect(findings.every((finding) => finding.rulesPassed > 10)).toBe(true);
  });

  it('refuses a stale decision with a plain explanation, a form without its token, and pages outside the role', async () => {
    const anonymous = new FormSession(consoleApp.url);
    expect(await anonymous.get('/front-door/referrals')).toMatchObject({ status: 303, location: '/sign-in' });
    const forged = await anonymous.post('/sign-in', { _csrf: 'not-the-token', role: 'FRONT_DOOR', organisation: 'LA888' });
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('This form has expired');

    const school = new FormSession(consoleApp.url);
    await school.signIn('SCHOOL', '100001');
    expect((await school.get('/front-door/referrals')).status).toBe(403);

    const frontDoor = new FormSession(consoleApp.url);
    await frontDoor.signIn('FRONT_DOOR', 'LA888');
    const fresh = (await callIntake('POST', '/v1/referrals', aReferral(`${familyName}b`, new Date(Date.now() - DAY)))).body;
    const opened = await frontDoor.get(`/front-door/referrals/${fresh.referralId}`);
    // Someone else asks a question after the page was opened: the version the form carries is stale.
    expect((await callIntake('POST', `/v1/referrals/${fresh.referralId}/information-requests`, { question: 'Any siblings?' })).status).toBe(
      201,
    );
    const stale = await frontDoor.post(`/front-door/referrals/${fresh.referralId}/decision`, {
      _csrf: FormSession.hiddenField(opened.html, '_csrf'),
      version: FormSession.hiddenField(opened.html, 'version'),
      outcome: 'SIGNPOSTED',
      rationale: 'Signposted to the family hub.',
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Someone changed this referral since you opened it');
    expect((await callIntake('GET', `/v1/referrals/${fresh.referralId}`)).body).toMatchObject({ decision: null });

    // A filter the API refuses: its message by the field it names.
    const badFilter = await frontDoor.get('/front-door/referrals?receivedFrom=2025-02-30');
    expect(badFilter.status).toBe(400);
    expect(badFilter.html).toMatch(/id="receivedFrom-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> Received from/);

    // Signing out ends the session: the next page asks to sign in again.
    const home = await frontDoor.get('/');
    expect(await frontDoor.post('/sign-out', { _csrf: FormSession.hiddenField(home.html, '_csrf') })).toMatchObject({
      status: 303,
      location: '/sign-in',
    });
    expect(await frontDoor.get('/')).toMatchObject({ status: 303, location: '/sign-in' });

    expect(await (await fetch(`${consoleApp.url}/health/ready`)).json()).toMatchObject({ status: 'ok' });
  });

  it("serves its own /metrics: the journeys' pages by route pattern and its calls by service and answer, no id in any label", async () => {
    const response = await fetch(`${consoleApp.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const samples = parsePrometheusSamples(text);
    const requests = (labels: Record<string, string>) => sumOfSamples(samples, 'csc_http_request_duration_seconds_count', labels);
    const calls = (labels: Record<string, string>) => sumOfSamples(samples, 'csc_console_service_call_duration_seconds_count', labels);
    expect(requests({ service: 'console', method: 'GET', route: '/front-door/referrals/{id}', status: '200' })).toBeGreaterThan(0);
    expect(requests({ method: 'POST', route: '/front-door/referrals/{id}/decision', status: '409' })).toBe(1);
    expect(calls({ service: 'console', called: 'referralIntake', status: '200' })).toBeGreaterThan(0);
    // The stale decision: the one 409 intake answered the console.
    expect(calls({ called: 'referralIntake', status: '409' })).toBe(1);
    // Labels name patterns and services: never a referral's id or a family name.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(text).not.toContain(familyName);
  });
});
