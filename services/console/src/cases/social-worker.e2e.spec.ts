import type { Browser, Page } from 'puppeteer-core';
import { eventually, startServices, type ServicesUnderTest } from '@csc/testing';
import { caseProgressionService } from '../../../case-progression/src/case-progression.service-definition';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { launchBrowser, textOf } from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';
import { FormSession } from '../../test/form-session';
import { apiAs, clearAndType, followLink, screenChecks, signIn, submitWith, uniqueFamilyName } from '../../test/journey';

const DAY = 24 * 60 * 60 * 1000;

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

    // A day that does not exist: the API's message by the field, and nothing started.
    await clearAndType(page, '#startedAt', '2025-02-30');
    expect(await submitWith(page, 'Start the assessment')).toBe(400);
    expect(await textOf(page, '#startedAt-error')).toContain('Started at must be a real date as YYYY-MM-DD');
    expect(await textOf(page, '.govuk-error-summary')).toContain('Started at must be a real date');
    expect(await page.title()).toMatch(/^Error: /);
    await screens.check(page, 'case-start-refused');
    expect((await cases('GET', `/v1/cases/${caseId}`)).body.assessments).toEqual([]);

    // Today: started, and the page offers to complete it.
    await page.$eval('#startedAt', (element) => ((element as unknown as { value: string }).value = ''));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    await page.type('#startedAt', today);
    expect(await submitWith(page, 'Start the assessment')).toBe(200);
    expect(await textOf(page, '#chronology')).toContain(`Assessment started on ${today}`);
    expect(await page.$('#authorisedAt')).not.toBeNull();
    await screens.check(page, 'case-assessment-started');
    expect((await cases('GET', `/v1/cases/${caseId}`)).body).toMatchObject({ stage: 'ASSESSMENT' });

    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
    expect(screens.findings.every((finding) => finding.rulesPassed > 10)).toBe(true);
  });

  it('explains a stale page (409) and changes nothing; a bad filter is named by its field', async () => {
    const worker = new FormSession(consoleApp.url);
    await worker.signIn('SOCIAL_WORKER', 'LA888');
    const staleCaseId = await anAcceptedReferral(`${familyName}b`, 20);
    const opened = await worker.get(`/cases/${staleCaseId}`);
    // Someone else starts the assessment after the page was opened.
    const version = (await cases('GET', `/v1/cases/${staleCaseId}`)).body.version;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    expect((await cases('POST', `/v1/cases/${staleCaseId}/assessments`, { startedAt: today }, { 'If-Match': `"${version}"` })).status).toBe(
      201,
    );
    const stale = await worker.post(`/cases/${staleCaseId}/assessments`, {
      _csrf: FormSession.hiddenField(opened.html, '_csrf'),
      version: FormSession.hiddenField(opened.html, 'version'),
      startedAt: today,
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
