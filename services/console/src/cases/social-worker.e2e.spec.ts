import type { Browser, Page } from 'puppeteer-core';
import { addDays, isWorkingDay, londonDateOf } from '@csc/domain';
import { eventually, startServices, type ServicesUnderTest } from '@csc/testing';
import { caseProgressionService } from '../../../case-progression/src/case-progression.service-definition';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { launchBrowser, pressAndWaitForPage, tabTo, textOf } from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';
import { FormSession } from '../../test/form-session';
import { apiAs, clearAndType, followLink, screenChecks, signIn, submitWith, uniqueFamilyName } from '../../test/journey';

const DAY = 24 * 60 * 60 * 1000;
const TODAY = londonDateOf(new Date());

/** The last working day before today: a conference is held on one, and a plan it starts cannot end the day it started. */
const lastWorkingDayBefore = (day: string): string => {
  let candidate = addDays(day, -1);
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, -1);
  return candidate;
};

/** Types a date into a GOV.UK date input, part by part, over what the form showed. */
const typeDate = async (page: Page, name: string, isoDate: string) => {
  const [year, month, day] = isoDate.split('-');
  await clearAndType(page, `#${name}-day`, String(Number(day)));
  await clearAndType(page, `#${name}-month`, String(Number(month)));
  await clearAndType(page, `#${name}-year`, year);
};

/** A school's referral about one made-up child, received long enough ago that the assessment is overdue. */
const aReferral = (familyName: string, receivedAt: Date) => ({
  receivedAt: receivedAt.toISOString(),
  referrer: { source: '2A', organisationId: '100001', name: 'Sam Example', role: 'DSL' },
  child: { givenName: 'Amelia', familyName, dateOfBirth: '2014-06-01', sex: 'F', postcode: 'FY1 4QS', schoolUrn: '100001' },
  concerns: { summary: 'Attendance has dropped and she has disclosed worries at home.', factors: ['16A'] },
  consent: { given: true },
});

describe('the console, as a social worker uses it (every page checked with axe for WCAG 2.2 AA)', () => {
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  let page: Page;
  const screens = screenChecks('axe-results-social-worker.json');
  const familyName = uniqueFamilyName();
  const frontDoor = apiAs(() => services.services['referral-intake'].url, 'FRONT_DOOR', 'LA888');
  const cases = apiAs(() => services.services['case-progression'].url, 'SOCIAL_WORKER', 'LA888');

  /** A referral accepted for assessment, and the case case-progression opens from it. */
  const anAcceptedReferral = async (name: string, daysAgo: number): Promise<string> => {
    const { body: referral } = await frontDoor('POST', '/v1/referrals', aReferral(name, new Date(Date.now() - daysAgo * DAY)));
    const decided = await frontDoor('POST', `/v1/referrals/${referral.referralId}/decision`, {
      outcome: 'ACCEPTED_FOR_ASSESSMENT',
      primaryNeed: 'N1',
      rationale: 'Disclosure and escalating concerns.',
    });
    expect(decided.status).toBe(200);
    return eventually(
      async () => {
        const read = await frontDoor('GET', `/v1/referrals/${referral.referralId}`);
        expect(read.body.caseId).toEqual(expect.any(String));
        return read.body.caseId as string;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  };
  let caseId: string;

  beforeAll(async () => {
    services = await startServices('console_social_worker', [referralIntakeService, caseProgressionService]);
    caseId = await anAcceptedReferral(familyName, 80);
    consoleApp = await startConsoleUnderTest({
      REFERRAL_INTAKE_URL: services.services['referral-intake'].url,
      CASE_PROGRESSION_URL: services.services['case-progression'].url,
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    screens.write();
    await browser?.close();
    await consoleApp?.stop();
    await services?.stop();
  });

  it('reads the caseload, opens a case, is told what is wrong with a date, and starts the assessment', async () => {
    await signIn(page, consoleApp.url, 'SOCIAL_WORKER', 'LA888');
    expect(await textOf(page, '.govuk-service-navigation')).toContain('Caseload');
    await screens.check(page, 'social-worker-home');

    await followLink(page, 'Overdue cases');
    const reference = `Case ${caseId.slice(0, 8).toUpperCase()}`;
    const caseload = await textOf(page, 'table.app-caseload tbody');
    expect(caseload).toContain(reference);
    expect(caseload).toContain('Assessment by');
    expect(caseload).toContain('Overdue');
    await screens.check(page, 'caseload');

    await followLink(page, reference);
    expect(await textOf(page, 'h1')).toBe(`Amelia ${familyName}`);
    expect(await textOf(page, '#main-content')).toMatch(/Assessment\s*\d+ \w+ \d{4}\s*Overdue/);
    expect(await textOf(page, '#chronology')).toContain('Case opened from the referral');
    await screens.check(page, 'case');

    // A day that does not exist: GOV.UK's message by the date, before anything is sent.
    await typeDate(page, 'startedAt', '2025-02-30');
    expect(await submitWith(page, 'Start the assessment')).toBe(400);
    expect(await textOf(page, '#startedAt-error')).toContain('Day the assessment started must be a real date');
    expect(await textOf(page, '.govuk-error-summary')).toContain('Day the assessment started must be a real date');
    expect(await page.title()).toMatch(/^Error: /);
    await screens.check(page, 'case-start-refused');
    // A day in the future: the API's message, shown by the date it names.
    await typeDate(page, 'startedAt', addDays(TODAY, 2));
    expect(await submitWith(page, 'Start the assessment')).toBe(400);
    expect(await textOf(page, '#startedAt-error')).toContain('Day the assessment started must not be in the future');
    expect(await page.$eval('.govuk-error-summary a', (link) => link.getAttribute('href'))).toBe('#startedAt-day');
    expect((await cases('GET', `/v1/cases/${caseId}`)).body.assessments).toEqual([]);

    // Today: started, and the page offers to complete it.
    await typeDate(page, 'startedAt', TODAY);
    expect(await submitWith(page, 'Start the assessment')).toBe(200);
    expect(await textOf(page, '#chronology')).toContain(`Assessment started on ${TODAY}`);
    expect(await page.$('#authorisedAt-day')).not.toBeNull();
    await screens.check(page, 'case-assessment-started');
    expect((await cases('GET', `/v1/cases/${caseId}`)).body).toMatchObject({ stage: 'ASSESSMENT' });

    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
    expect(screens.findings.every((finding) => finding.rulesPassed > 10)).toBe(true);
  });

  it('takes the case through a strategy discussion, Section 47 enquiry and conference to plans, and closes it', async () => {
    // The conference is on a working day before today, so the plan it starts can end today (never the day it started, 8840).
    const conferenceDay = lastWorkingDayBefore(TODAY);
    const check = async (name: string) => {
      expect(await page.title()).not.toMatch(/^Error: /);
      await screens.check(page, name);
    };

    await page.click('input[name="outcome"][value="STRATEGY_DISCUSSION"]');
    await page.click('input[name="factors"][value="16A"]');
    expect(await submitWith(page, 'Complete the assessment')).toBe(200);
    expect(await textOf(page, '#main-content')).toContain('Strategy discussion (significant harm suspected)');

    await typeDate(page, 'discussionHeldOn', conferenceDay);
    await page.click('#section47');
    expect(await submitWith(page, 'Record the strategy discussion')).toBe(200);
    expect(await textOf(page, 'h2#child-protection ~ table')).toContain('Yes');
    expect(await textOf(page, '#main-content')).toContain('Stage: Section 47 enquiry');
    await check('case-section-47');

    await typeDate(page, 'concludedOn', conferenceDay);
    await page.click('#icpcRequired');
    expect(await submitWith(page, 'Record the outcome')).toBe(200);
    await check('case-conference-due');

    await typeDate(page, 'conferenceHeldOn', conferenceDay);
    await page.click('#childProtectionPlan');
    await page.select('#category', 'NEG');
    await page.type('#cpNswName', 'Sam Okafor');
    expect(await submitWith(page, 'Record the conference')).toBe(200);
    expect(await textOf(page, '#main-content')).toContain('Stage: Child protection plan');
    expect(await textOf(page, '#main-content')).toContain('Neglect');
    await check('case-cp-plan');

    // Someone records the child's ethnicity while the page is open: ending the plan is refused and explained.
    const { version } = (await cases('GET', `/v1/cases/${caseId}`)).body;
    const corrected = await cases(
      'POST',
      `/v1/cases/${caseId}/child-characteristics`,
      { ethnicity: 'NOBT' },
      { 'If-Match': `"${version}"` },
    );
    expect(corrected.status).toBe(201);
    expect(await submitWith(page, 'End the child protection plan')).toBe(409);
    expect(await textOf(page, '.govuk-error-summary')).toContain('Someone changed this case since you opened it');
    expect(await page.title()).toMatch(/^Error: /);
    await screens.check(page, 'case-conflict');
    expect((await cases('GET', `/v1/cases/${caseId}`)).body.cpPlans[0].endedOn).toBeNull();
    await followLink(page, 'Reload this case');
    expect(await submitWith(page, 'End the child protection plan')).toBe(200);
    expect((await cases('GET', `/v1/cases/${caseId}`)).body.cpPlans[0].endedOn).toBe(TODAY);

    // A child in need plan, started and ended with the keyboard alone.
    await tabTo(page, { id: 'cinNswName' });
    await page.keyboard.type('Sam Okafor');
    await tabTo(page, { text: 'Start the child in need plan' });
    expect((await pressAndWaitForPage(page, 'Enter'))?.status()).toBe(200);
    expect(await textOf(page, '#main-content')).toContain('Stage: Child in need plan');
    await check('case-cin-plan');
    await tabTo(page, { text: 'End the child in need plan' });
    expect((await pressAndWaitForPage(page, 'Enter'))?.status()).toBe(200);
    expect((await cases('GET', `/v1/cases/${caseId}`)).body.cinPlans).toEqual([
      expect.objectContaining({ startedOn: TODAY, endedOn: TODAY, namedSocialWorker: { name: 'Sam Okafor' } }),
    ]);

    // Nothing is open: the case can close.
    await check('case-ready-to-close');
    await page.click('input[name="closureReason"][value="RC7"]');
    expect(await submitWith(page, 'Close the case')).toBe(200);
    expect(await textOf(page, '#main-content')).toContain('Stage: Closed');
    expect(await page.$$('#main-content form')).toHaveLength(0);
    await check('case-closed');
    expect((await cases('GET', `/v1/cases/${caseId}`)).body).toMatchObject({
      status: 'CLOSED',
      closure: { closedOn: TODAY, reason: 'RC7' },
    });

    // The child's census details are still corrected on a closed case, on their own page.
    await followLink(page, 'Census details of the child');
    expect(await page.$eval('#ethnicity', (select) => (select as unknown as { value: string }).value)).toBe('NOBT');
    await check('case-child-details');
    await page.select('#ethnicity', 'WBRI');
    expect(await submitWith(page, 'Record the changes')).toBe(200);
    expect((await cases('GET', `/v1/cases/${caseId}`)).body.child).toMatchObject({ ethnicity: 'WBRI', dateOfBirth: '2014-06-01' });

    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
  });

  it('explains a stale page (409) and changes nothing; a bad filter is named by its field', async () => {
    const worker = new FormSession(consoleApp.url);
    await worker.signIn('SOCIAL_WORKER', 'LA888');
    const staleCaseId = await anAcceptedReferral(`${familyName}b`, 20);
    const opened = await worker.get(`/cases/${staleCaseId}`);
    // Someone else starts the assessment after the page was opened.
    const version = (await cases('GET', `/v1/cases/${staleCaseId}`)).body.version;
    expect((await cases('POST', `/v1/cases/${staleCaseId}/assessments`, { startedAt: TODAY }, { 'If-Match': `"${version}"` })).status).toBe(
      201,
    );
    const [year, month, day] = TODAY.split('-');
    const stale = await worker.post(`/cases/${staleCaseId}/assessments`, {
      _csrf: FormSession.hiddenField(opened.html, '_csrf'),
      version: FormSession.hiddenField(opened.html, 'version'),
      'startedAt-day': day,
      'startedAt-month': month,
      'startedAt-year': year,
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Someone changed this case since you opened it');
    expect((await cases('GET', `/v1/cases/${staleCaseId}`)).body.assessments).toHaveLength(1);

    const badFilter = await worker.get('/cases?dueBefore=2025-13-01');
    expect(badFilter.status).toBe(400);
    expect(badFilter.html).toMatch(/id="dueBefore-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> Due before/);

    const school = new FormSession(consoleApp.url);
    await school.signIn('SCHOOL', '100001');
    expect((await school.get(`/cases/${staleCaseId}`)).status).toBe(403);
  });
});
