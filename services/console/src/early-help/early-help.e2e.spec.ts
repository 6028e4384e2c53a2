import type { Browser, Page } from 'puppeteer-core';
import { startServices, type ServicesUnderTest } from '@csc/testing';
import { earlyHelpService } from '../../../early-help/src/early-help.service-definition';
import { launchBrowser, textOf } from '../../test/browser';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../../test/console-under-test';
import { FormSession } from '../../test/form-session';
import { apiAs, followLink, screenChecks, signIn, uniqueFamilyName } from '../../test/journey';

describe('the console, as an early help practitioner uses it (every page checked with axe for WCAG 2.2 AA)', () => {
  let services: ServicesUnderTest;
  let consoleApp: ConsoleUnderTest;
  let browser: Browser;
  let page: Page;
  const screens = screenChecks('axe-results-early-help.json');
  const familyName = uniqueFamilyName();
  const practitioner = apiAs(() => services.services['early-help'].url, 'EARLY_HELP', 'LA888');
  let episodeId: string;

  /** Each step of the episode, If-Match from the last one's version. */
  const record = async (step: string, body: unknown, version: number): Promise<number> => {
    const answer = await practitioner('POST', `/v1/early-help/episodes/${episodeId}/${step}`, body, { 'If-Match': `"${version}"` });
    expect(answer.status).toBe(201);
    return answer.body.version as number;
  };

  beforeAll(async () => {
    services = await startServices('console_early_help', [earlyHelpService]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
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
