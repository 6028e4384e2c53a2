import type { Browser, Page } from 'puppeteer-core';
import { eventually, startServices, type ServicesUnderTest } from '@csc/testing';
import { referralIntakeService } from '../../../referral-intake/src/referral-intake.service-definition';
import { schoolNotificationsService } from '../../../school-notifications/src/school-notifications.service-definition';
import { launchBrowser, pressAndWaitForPage, tabTo, textOf, waitForFocusOn } from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';
import { FormSession } from '../../test/form-session';
import { apiAs, clearAndType, followLink, screenChecks, signIn, submitWith, uniqueFamilyName } from '../../test/journey';

/** Each school run gets its own URN, so its referrals and inbox hold only what this run made. */
const URN = String(200000 + Math.floor(Math.random() * 700000));

describe('the console, as a school uses it (every page checked with axe for WCAG 2.2 AA)', () => {
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  let page: Page;
  const screens = screenChecks('axe-results-school.json');
  const familyName = uniqueFamilyName();
  const asSchool = apiAs(() => services.services['referral-intake'].url, 'SCHOOL', URN);
  const frontDoor = apiAs(() => services.services['referral-intake'].url, 'FRONT_DOOR', 'LA888');

  beforeAll(async () => {
    services = await startServices('console_school', [referralIntakeService, schoolNotificationsService]);
    consoleApp = await startConsoleUnderTest({
      REFERRAL_INTAKE_URL: services.services['referral-intake'].url,
      SCHOOL_NOTIFICATIONS_URL: services.services['school-notifications'].url,
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

  it('refers a child, is told what is wrong with one field, sends it, and sees it in its referrals and its notifications', async () => {
    await signIn(page, consoleApp.url, 'SCHOOL', URN);
    expect(await textOf(page, '.govuk-service-navigation')).toContain('Refer a child');
    await screens.check(page, 'school-home');

    await followLink(page, 'Refer a child');
    await screens.check(page, 'school-refer');
    await page.type('#givenName', 'Amelia');
    await page.type('#familyName', familyName);
    await page.type('#dateOfBirth-day', '1');
    await page.type('#dateOfBirth-year', '2014');
    await page.click('#sex-2'); // F
    await page.type('#nhsNumber', '1234567890');
    await page.type('#postcode', 'FY1 4QS');
    await page.type('#concerns', 'Attendance has dropped and she has disclosed worries at home.');
    await page.click('#consentGiven');
    await page.type('#referrerName', 'Sam Example');
    await page.type('#referrerRole', 'DSL');

    // A date of birth without its month: GOV.UK's message by the date, the month highlighted, and nothing sent.
    expect(await submitWith(page, 'Send the referral')).toBe(400);
    expect(await textOf(page, '#dateOfBirth-error')).toContain('Date of birth must include a month');
    expect(await page.$$eval('#dateOfBirth .govuk-input--error', (inputs) => inputs.map((input) => input.id))).toEqual([
      'dateOfBirth-month',
    ]);
    expect(await page.$eval('#dateOfBirth-year', (element) => (element as unknown as { value: string }).value)).toBe('2014');
    await screens.check(page, 'school-refer-date-refused');
    await page.type('#dateOfBirth-month', '6');

    // An NHS number that fails its check digit: the API's message by the field, and what was typed kept.
    expect(await submitWith(page, 'Send the referral')).toBe(400);
    expect(await textOf(page, '#nhsNumber-error')).toContain('NHS number must be a 10-digit NHS number that passes the modulus 11 check');
    expect(await textOf(page, '.govuk-error-summary')).toContain('NHS number must be');
    expect(await page.$eval('#familyName', (element) => (element as unknown as { value: string }).value)).toBe(familyName);
    expect(await page.title()).toMatch(/^Error: /);
    await screens.check(page, 'school-refer-refused');
    expect((await asSchool('GET', '/v1/referrals')).body.items).toEqual([]);

    await clearAndType(page, '#nhsNumber', '943 476 5919');
    expect(await submitWith(page, 'Send the referral')).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain('Your referral has been sent');
    expect(await textOf(page, 'h1')).toBe(`Amelia ${familyName}`);
    await screens.check(page, 'school-referral-sent');

    await followLink(page, 'Your referrals');
    const referrals = await textOf(page, 'table.app-school-referrals tbody');
    expect(referrals).toContain(`Amelia ${familyName}`);
    expect(referrals).toContain('Not decided yet');
    await screens.check(page, 'school-referrals');

    // The inbox is fed from referral-intake's events: the receipt arrives shortly after.
    await followLink(page, 'Notifications');
    await eventually(
      async () => {
        await page.reload({ waitUntil: 'load' });
        expect(await textOf(page, '#main-content')).toContain('Your referral has been received by the front door.');
      },
      { timeoutMs: 20_000, intervalMs: 300 },
    );
    await screens.check(page, 'school-inbox');

    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
    expect(screens.findings.every((finding) => finding.rulesPassed > 10)).toBe(true);
  });

  it('makes one referral from a double submit, and shows the decision only as its category', async () => {
    const school = new FormSession(consoleApp.url);
    await school.signIn('SCHOOL', URN);
    const form = await school.get('/school/refer');
    const fields = {
      _csrf: FormSession.hiddenField(form.html, '_csrf'),
      idempotencyKey: FormSession.hiddenField(form.html, 'idempotencyKey'),
      givenName: 'Bea',
      familyName,
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2015',
      sex: 'F',
      concerns: 'She is often hungry and tired.',
      consentGiven: 'yes',
      referrerName: 'Sam Example',
    };
    const [first, second] = [await school.post('/school/refer', fields), await school.post('/school/refer', fields)];
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    const mine = (await asSchool('GET', '/v1/referrals')).body.items.filter(
      (item: { child: { givenName: string } }) => item.child.givenName === 'Bea',
    );
    expect(mine).toHaveLength(1);

    const decided = await frontDoor('POST', `/v1/referrals/${mine[0].referralId}/decision`, {
      outcome: 'SIGNPOSTED',
      rationale: 'Signposted to the family hub for food support.',
    });
    expect(decided.status).toBe(200);
    const list = await school.get('/school/referrals');
    expect(list.html).toContain('No further action, with advice');
    expect(list.html).not.toContain('family hub');

    const frontDoorUser = new FormSession(consoleApp.url);
    await frontDoorUser.signIn('FRONT_DOOR', 'LA888');
    expect((await frontDoorUser.get('/school/referrals')).status).toBe(403);
  });

  it("answers the front door's question on its referral page, by keyboard alone, and sees the answer in the referral's history", async () => {
    const referred = await asSchool('POST', '/v1/referrals', {
      referrer: { source: '2A', organisationId: URN, name: 'Sam Example', role: 'DSL' },
      child: { givenName: 'Cara', familyName, dateOfBirth: '2013-09-01', sex: 'F', schoolUrn: URN },
      concerns: { summary: 'She has been withdrawn since half term.' },
      consent: { given: true },
    });
    expect(referred.status).toBe(201);
    const { referralId } = referred.body;
    expect(
      (await frontDoor('POST', `/v1/referrals/${referralId}/information-requests`, { question: 'Who else lives at home?' })).status,
    ).toBe(201);

    await page.goto(`${consoleApp.url}/school/referrals`);
    await tabTo(page, { text: `Cara ${familyName}` });
    await pressAndWaitForPage(page, 'Enter');
    expect(await textOf(page, 'table.app-questions tbody')).toContain('Not answered yet');
    await screens.check(page, 'school-referral-question');

    // Sent empty: the API's message by the answer, and nothing answered.
    await tabTo(page, { text: 'Send your answer' });
    expect((await pressAndWaitForPage(page, 'Enter'))?.status()).toBe(400);
    expect(await textOf(page, '#answer-error')).toContain('Your answer should not be empty');
    expect(await page.title()).toMatch(/^Error: /);
    await screens.check(page, 'school-referral-answer-refused');
    await tabTo(page, { text: 'Your answer should not be empty' }, { backwards: true });
    await page.keyboard.press('Enter');
    await waitForFocusOn(page, 'answer');
    await page.keyboard.type('Her mother, and her grandfather most weekends.');
    await tabTo(page, { text: 'Send your answer' });
    expect((await pressAndWaitForPage(page, 'Enter'))?.status()).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain('Your answer has been sent to the front door.');
    expect(await textOf(page, 'table.app-questions tbody')).toContain('Her mother, and her grandfather most weekends.');
    expect(await textOf(page, '#chronology')).toContain('More information provided (answer recorded)');
    expect(await page.$('#answer')).toBeNull();
    await screens.check(page, 'school-referral-answered');
    expect((await frontDoor('GET', `/v1/referrals/${referralId}`)).body.informationRequests).toEqual([
      expect.objectContaining({ question: 'Who else lives at home?', answer: 'Her mother, and her grandfather most weekends.' }),
    ]);

    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
  });
});
