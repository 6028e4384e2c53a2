import type { Browser, Page } from 'puppeteer-core';
import { startServices, type ServicesUnderTest } from '@csc/testing';
import { earlyHelpService } from '../../../early-help/src/early-help.service-definition';
import { isChecked, launchBrowser, pressAndWaitForPage, tabTo, textOf, waitForFocusOn } from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';
import { FormSession } from '../../test/form-session';
import { apiAs, followLink, screenChecks, signIn, submitWith, uniqueFamilyName } from '../../test/journey';

describe('the console, as an early help practitioner uses it (every page checked with axe for WCAG 2.2 AA)', () => {
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  let page: Page;
  const screens = screenChecks('axe-results-early-help.json');
  const familyName = uniqueFamilyName();
  const practitioner = apiAs(() => services.services['early-help'].url, 'EARLY_HELP', 'LA888');
  let episodeId: string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  /** The episode the keyboard journey opens. */
  let keyboardEpisodeId: string;

  /** Each step of the episode, If-Match from the last one's version. */
  const record = async (step: string, body: unknown, version: number): Promise<number> => {
    const answer = await practitioner('POST', `/v1/early-help/episodes/${episodeId}/${step}`, body, { 'If-Match': `"${version}"` });
    expect(answer.status).toBe(201);
    return answer.body.version as number;
  };

  beforeAll(async () => {
    services = await startServices('console_early_help', [earlyHelpService]);
    const requested = await practitioner('POST', '/v1/early-help/requests', {
      child: { givenName: 'Amelia', familyName, dateOfBirth: '2014-06-01', sex: 'F', postcode: 'FY1 4QS', schoolUrn: '100001' },
      reason: 'The family asked for help with routines and school attendance.',
      consent: { given: true },
    });
    expect(requested.status).toBe(201);
    episodeId = requested.body.episodeId;
    let version = await record(
      'assessment',
      { completedOn: today, needs: ['GOOD_EDUCATION', 'FAMILY_RELATIONSHIPS'] },
      requested.body.version,
    );
    version = await record('outcomes-ladder', { scoredOn: today, scores: { GOOD_EDUCATION: 3, FAMILY_RELATIONSHIPS: 5 } }, version);
    await record('outcomes-ladder', { scoredOn: today, scores: { GOOD_EDUCATION: 6, FAMILY_RELATIONSHIPS: 4 } }, version);
    consoleApp = await startConsoleUnderTest({ EARLY_HELP_URL: services.services['early-help'].url });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    screens.write();
    await browser?.close();
    await consoleApp?.stop();
    await services?.stop();
  });

  it('lists the episodes, opens one, and reads its outcomes ladder by area and date, and its chronology', async () => {
    await signIn(page, consoleApp.url, 'EARLY_HELP', 'LA888');
    expect(await textOf(page, '.govuk-service-navigation')).toContain('Episodes');
    await screens.check(page, 'early-help-home');

    await followLink(page, 'Early help episodes');
    const reference = `Episode ${episodeId.slice(0, 8).toUpperCase()}`;
    const list = await textOf(page, 'table.app-episodes tbody');
    expect(list).toContain(reference);
    expect(list).toContain('Assessed');
    expect(list).toContain('Plan by');
    await screens.check(page, 'early-help-episodes');

    await followLink(page, reference);
    expect(await textOf(page, 'h1')).toBe(`Amelia ${familyName}`);
    const headers = await page.$$eval('table.app-ladder thead th', (cells) => cells.map((cell) => (cell.textContent ?? '').trim()));
    expect(headers).toEqual([
      'Outcome area',
      expect.stringMatching(/^First reading, /),
      expect.stringMatching(/^Latest reading, /),
      'Change',
    ]);
    const rows = await page.$$eval('table.app-ladder tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
    expect(rows).toEqual([
      ['Getting a good education', '3 out of 10', '6 out of 10', 'Up 3'],
      ['Improved family relationships', '5 out of 10', '4 out of 10', 'Down 1'],
    ]);
    expect(await textOf(page, '#chronology')).toContain('Outcomes ladder scored on');
    await screens.check(page, 'early-help-episode');

    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
    expect(screens.findings.every((finding) => finding.rulesPassed > 10)).toBe(true);
  });

  it('opens an episode for a family who asked and records its assessment, by keyboard alone', async () => {
    await page.goto(consoleApp.url);
    expect(await textOf(page, '.govuk-service-navigation')).toContain('Open an episode');
    await tabTo(page, { text: 'Open an episode for a family who asked for help' });
    await pressAndWaitForPage(page, 'Enter');
    await screens.check(page, 'early-help-request');
    await tabTo(page, { id: 'givenName' });
    await page.keyboard.type('Dana');
    await tabTo(page, { id: 'familyName' });
    await page.keyboard.type(familyName);
    await tabTo(page, { id: 'dateOfBirth-day' });
    await page.keyboard.type('1');
    await tabTo(page, { id: 'dateOfBirth-month' });
    await page.keyboard.type('6');
    await tabTo(page, { id: 'dateOfBirth-year' });
    await page.keyboard.type('2014');
    await tabTo(page, { id: 'sex' });
    await page.keyboard.press('ArrowRight');
    expect(await isChecked(page, 'sex-2')).toBe(true);
    await tabTo(page, { id: 'reason' });
    await page.keyboard.type('The family asked for help with mornings and school attendance.');

    // Without the family's agreement: the API's message by the box, and what was typed kept.
    await tabTo(page, { text: 'Open the episode' });
    expect((await pressAndWaitForPage(page, 'Enter'))?.status()).toBe(422);
    expect(await textOf(page, '#consentGiven-error')).toContain("Consent: early help needs the family's consent");
    expect(await page.title()).toMatch(/^Error: /);
    await screens.check(page, 'early-help-request-refused');
    await tabTo(page, { text: "Consent: early help needs the family's consent [consent-for-early-help]" }, { backwards: true });
    await page.keyboard.press('Enter');
    await waitForFocusOn(page, 'consentGiven');
    await page.keyboard.press('Space');
    await tabTo(page, { text: 'Open the episode' });
    expect((await pressAndWaitForPage(page, 'Enter'))?.status()).toBe(200);
    expect(await textOf(page, 'h1')).toBe(`Dana ${familyName}`);
    expect(await textOf(page, '.govuk-notification-banner')).toContain('The episode is open');
    keyboardEpisodeId = page.url().split('/').pop()!.split('?')[0];

    // Only what an open, unassessed episode allows: no plan, no review yet.
    const offered = await page.$$eval('.app-episode-actions a', (links) => links.map((link) => (link.textContent ?? '').trim()));
    expect(offered).toEqual([
      'Record the early help assessment',
      'Record the team around the family',
      'Score the outcomes ladder',
      "Step up to children's social care",
      'Close the episode',
    ]);
    await tabTo(page, { text: 'Record the early help assessment' });
    await pressAndWaitForPage(page, 'Enter');
    await screens.check(page, 'early-help-assessment');
    await tabTo(page, { id: 'needs' });
    await page.keyboard.press('Space');
    await tabTo(page, { id: 'needs-5' });
    await page.keyboard.press('Space');
    await tabTo(page, { text: 'Record the assessment' });
    expect((await pressAndWaitForPage(page, 'Enter'))?.status()).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain('The early help assessment is recorded.');
    expect(await textOf(page, '.govuk-summary-list')).toContain('Getting a good education; Improved family relationships');
    expect(await textOf(page, 'main p strong')).toBe('Assessed');
  });

  it('records the team, the plan (told by its field what is missing), a review and two ladder readings, then closes the episode', async () => {
    await followLink(page, 'Record the team around the family');
    await screens.check(page, 'early-help-team');
    await page.type('#leadPractitioner', 'Jo Lead');
    await page.type('#members', 'Sue Patel, school nurse\nAl Support, family hub');
    expect(await submitWith(page, 'Record the team')).toBe(200);
    expect(await textOf(page, '.govuk-summary-list')).toContain('Sue Patel, school nurse; Al Support, family hub');

    await followLink(page, 'Record the agreed plan');
    expect(await submitWith(page, 'Record the plan')).toBe(400);
    expect(await textOf(page, '#goals-error')).toMatch(/Goals must contain at least 1 elements/);
    expect(await textOf(page, '.govuk-error-summary')).toContain('Goals must contain');
    await screens.check(page, 'early-help-plan-refused');
    await page.type('#goals', 'Attendance above 90%\nCalmer mornings');
    expect(await submitWith(page, 'Record the plan')).toBe(200);
    expect(await textOf(page, '.govuk-summary-list')).toContain('Attendance above 90%; Calmer mornings');

    await followLink(page, 'Record a review of the plan');
    await screens.check(page, 'early-help-review');
    expect(await submitWith(page, 'Record the review')).toBe(200);
    expect(await textOf(page, '.govuk-notification-banner')).toContain('The review is recorded.');
    expect(await textOf(page, '.govuk-summary-list')).toMatch(/Reviews \d{1,2} [A-Z][a-z]+ \d{4}/);

    for (const [education, family] of [
      ['4', '5'],
      ['7', '3'],
    ]) {
      await followLink(page, 'Score the outcomes ladder');
      await page.select('#score-GOOD_EDUCATION', education);
      await page.select('#score-FAMILY_RELATIONSHIPS', family);
      if (education === '7') await screens.check(page, 'early-help-ladder');
      expect(await submitWith(page, 'Record the scores')).toBe(200);
    }
    const rows = await page.$$eval('table.app-ladder tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
    expect(rows).toEqual([
      ['Getting a good education', '4 out of 10', '7 out of 10', 'Up 3'],
      ['Improved family relationships', '5 out of 10', '3 out of 10', 'Down 2'],
    ]);

    await followLink(page, "Step up to children's social care");
    await screens.check(page, 'early-help-step-up');
    await followLink(page, 'Back to the episode');
    await followLink(page, 'Close the episode');
    const endings = await page.$$eval('input[name="outcome"]', (inputs) => inputs.map((input) => input.getAttribute('value')));
    expect(endings).toEqual(['GRADUATED', 'LEFT_WITHOUT_GRADUATING', 'MOVED_AWAY']);
    await screens.check(page, 'early-help-closure');
    await page.click('#outcome');
    expect(await submitWith(page, 'Close the episode')).toBe(200);
    expect(await textOf(page, 'main p strong')).toBe('Closed: graduated');
    expect(await textOf(page, '#main-content')).toContain('This episode is closed: nothing more can be recorded.');
    expect(await textOf(page, '#chronology')).toContain('Early help ended on');
    await screens.check(page, 'early-help-closed');

    expect(screens.findings.filter((finding) => finding.violations.length > 0)).toEqual([]);
    expect(screens.findings.every((finding) => finding.rulesPassed > 10)).toBe(true);
  });

  it('explains a stale form, and refuses a date it cannot read before asking the API', async () => {
    const session = new FormSession(consoleApp.url);
    await session.signIn('EARLY_HELP', 'LA888');
    const form = await session.get(`/early-help/episodes/${episodeId}/outcomes-ladder`);
    const posted = {
      _csrf: FormSession.hiddenField(form.html, '_csrf'),
      version: FormSession.hiddenField(form.html, 'version'),
      'scoredOn-day': '31',
      'scoredOn-month': '2',
      'scoredOn-year': '2025',
      'score-SECURE_HOUSING': '5',
    };
    const unreadable = await session.post(`/early-help/episodes/${episodeId}/outcomes-ladder`, posted);
    expect(unreadable.status).toBe(400);
    expect(unreadable.html).toContain('The day of the scores must be a real date');
    // A colleague scores the ladder after the form was opened: the version it carries is stale.
    const current = (await practitioner('GET', `/v1/early-help/episodes/${episodeId}`)).body.version as number;
    await record('outcomes-ladder', { scoredOn: today, scores: { SECURE_HOUSING: 4 } }, current);
    const [year, month, day] = today.split('-');
    const stale = await session.post(`/early-help/episodes/${episodeId}/outcomes-ladder`, {
      ...posted,
      'scoredOn-day': day,
      'scoredOn-month': month,
      'scoredOn-year': year,
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Someone changed this episode since you opened this form');
    // A form the episode no longer offers sends the practitioner back to the episode.
    expect(await session.get(`/early-help/episodes/${keyboardEpisodeId}/plan`)).toMatchObject({
      status: 303,
      location: `/early-help/episodes/${keyboardEpisodeId}`,
    });
  });

  it('names a stage filter the API refuses by its field, and keeps other roles out', async () => {
    const session = new FormSession(consoleApp.url);
    await session.signIn('EARLY_HELP', 'LA888');
    const refused = await session.get('/early-help/episodes?stage=SOMEWHERE');
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="stage-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> Stage/);
    const worker = new FormSession(consoleApp.url);
    await worker.signIn('SOCIAL_WORKER', 'LA888');
    expect((await worker.get(`/early-help/episodes/${episodeId}`)).status).toBe(403);
  });
});
