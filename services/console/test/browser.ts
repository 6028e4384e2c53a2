import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import axe from 'axe-core';
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';

/** The machine's Chromium (Debian's package; .ci/run installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENS = resolve(__dirname, '../../../.run/screens/console');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const launchBrowser = (): Promise<Browser> =>
  puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI: Chromium's sandbox needs an unprivileged user.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--window-size=1280,900'],
    defaultViewport: { width: 1280, height: 900 },
  });

export interface AxeFinding {
  page: string;
  /** How many rules found something to check and passed: a page axe saw nothing of would pass none. */
  rulesPassed: number;
  violations: { id: string; impact: string | null; help: string; targets: string[] }[];
}

/** Runs axe-core on the page for WCAG 2.2 AA and saves a screenshot of it; the findings are returned, not thrown, so all are seen. */
export const checkScreen = async (page: Page, name: string): Promise<AxeFinding> => {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENS, `${name}.png`), fullPage: true });
  // Evaluated through the DevTools protocol: the page's own CSP (scripts from self only) does not apply.
  await page.evaluate(axe.source);
  // A string, evaluated in the page: this project's TypeScript has no DOM types.
  const results = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} } })`,
  )) as axe.AxeResults;
  return {
    page: name,
    rulesPassed: results.passes.length,
    violations: results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    })),
  };
};

/**
 * Moves focus with Tab (or Shift+Tab) until the focused element is the one described, as a keyboard
 * user would: no clicks, no element handles. Fails naming what it saw if it goes round the page without finding it.
 */
export const tabTo = async (page: Page, wanted: { text?: string; id?: string; value?: string }, { backwards = false } = {}) => {
  const seen: string[] = [];
  for (let presses = 0; presses < 120; presses += 1) {
    if (backwards) await pressWith(page, 'Shift', 'Tab');
    else await page.keyboard.press('Tab');
    const focused = (await page.evaluate(FOCUSED_ELEMENT)) as { id: string; value: string; text: string };
    if (
      (wanted.id === undefined || focused.id === wanted.id) &&
      (wanted.value === undefined || focused.value === wanted.value) &&
      (wanted.text === undefined || focused.text === wanted.text)
    )
      return;
    seen.push(focused.id || focused.text.slice(0, 40));
  }
  throw new Error(`never focused ${JSON.stringify(wanted)}; focus went through: ${seen.join(' | ')}`);
};

/** The focused element: its id, value, and its label's text (or its own, for links and buttons). */
const FOCUSED_ELEMENT = `(() => {
  const element = document.activeElement;
  const label = element && element.id ? document.querySelector('label[for="' + element.id + '"]') : null;
  const text = (label ? label.textContent : element ? element.textContent : '') || '';
  return { id: (element && element.id) || '', value: (element && element.value) || '', text: text.trim().replace(/\\s+/g, ' ') };
})()`;

/** The value of the form field with this id (a select's chosen option, a text), or whether a radio is checked. */
export const fieldValue = (page: Page, id: string): Promise<string> =>
  page.evaluate(`document.getElementById(${JSON.stringify(id)}).value`) as Promise<string>;
export const isChecked = (page: Page, id: string): Promise<boolean> =>
  page.evaluate(`document.getElementById(${JSON.stringify(id)}).checked`) as Promise<boolean>;
export const waitForFocusOn = (page: Page, id: string) =>
  page.waitForFunction(`document.activeElement && document.activeElement.id === ${JSON.stringify(id)}`);

const pressWith = async (page: Page, modifier: KeyInput, key: KeyInput) => {
  await page.keyboard.down(modifier);
  await page.keyboard.press(key);
  await page.keyboard.up(modifier);
};

/** Presses a key that submits a form or follows a link, and waits for the page it leads to. */
export const pressAndWaitForPage = async (page: Page, key: KeyInput) => {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
  return response;
};

export const textOf = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (element) => (element.textContent ?? '').trim().replace(/\s+/g, ' '));
