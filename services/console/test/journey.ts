import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Role } from '@csc/contracts';
import { testToken } from '@csc/testing';
import { checkScreen, SCREENS, type AxeFinding } from './browser';

/** A service's API called directly as one role, to set up what a journey needs and to check what it did. */
export const apiAs =
  (baseUrl: () => string, role: Role, org: string) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, checked by each expectation
  async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> => {
    const token = await testToken({ sub: `${role.toLowerCase()}-test`, role, org });
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

/** Every page of a journey checked with axe and screenshotted; the findings printed, kept, and written out at the end. */
export const screenChecks = (resultsFile: string) => {
  const findings: AxeFinding[] = [];
  return {
    findings,
    check: async (page: Page, name: string) => {
      const finding = await checkScreen(page, name);
      findings.push(finding);
      const problems = finding.violations.map((violation) => `\n  ${violation.id}: ${violation.help} (${violation.targets.join(', ')})`);
      process.stdout.write(
        `axe ${name}: ${finding.violations.length} violations, ${finding.rulesPassed} rules passed${problems.join('')}\n`,
      );
    },
    write: () => writeFileSync(resolve(SCREENS, resultsFile), JSON.stringify(findings, null, 2)),
  };
};

/** A family name no other run has used, letters only (a name with digits is refused). */
export const uniqueFamilyName = (): string =>
  `Testchild${randomUUID()
    .slice(0, 6)
    .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)])}`;

/** Signs in through the sign-in page with the keyboard-free path (the front door's test covers the keyboard): role and organisation. */
export const signIn = async (page: Page, consoleUrl: string, role: Role, organisation: string) => {
  await page.goto(`${consoleUrl}/sign-in`);
  await page.click(`input[name="role"][value="${role}"]`);
  await page.type('#organisation', organisation);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button.govuk-button:not(.govuk-button--secondary)')]);
};

/** Follows the link with exactly this text, and waits for the page it leads to. */
export const followLink = async (page: Page, text: string) => {
  const href = (await page.evaluate(
    `(() => { const link = [...document.querySelectorAll('#main-content a, .govuk-service-navigation a')].find((a) => a.textContent.trim() === ${JSON.stringify(text)}); return link ? link.getAttribute('href') : null; })()`,
  )) as string | null;
  if (!href) throw new Error(`no link "${text}" on the page`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`a[href="${href}"]`)]);
};

/** Presses the form's button with this text and waits for the answer page; returns its HTTP status. */
export const submitWith = async (page: Page, buttonText: string): Promise<number | undefined> => {
  const buttons = await page.$$('button.govuk-button');
  for (const button of buttons) {
    const text = (await button.evaluate((element) => (element.textContent ?? '').trim())) as string;
    if (text === buttonText) {
      const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
      return response?.status();
    }
  }
  throw new Error(`no button "${buttonText}" on the page`);
};

export const clearAndType = async (page: Page, selector: string, text: string) => {
  await page.$eval(selector, (element) => ((element as unknown as { value: string }).value = ''));
  await page.type(selector, text);
};
