/**
 * How long the console's two heaviest pages take to load in a real browser on the demo year: the front
 * door's queue and the analyst's dashboard, against a system started with `npm start` (run it first).
 * Figures for the note, beside their ceilings, not a pass/fail.
 *
 *   npm run bench:console                 5 loads of each page (after one to warm up)
 *   CONSOLE_URL=http://127.0.0.1:3000 BENCH_LOADS=10 npm run bench:console
 */
import { launchBrowser } from '../services/console/test/browser';

const CONSOLE_URL = process.env.CONSOLE_URL ?? 'http://127.0.0.1:3000';
const LOADS = Number(process.env.BENCH_LOADS ?? 5);
/** GOV.UK's performance guidance for a service page: usable within about 2 s; the ceiling each page is set beside. */
const CEILING_MS = 2000;

const PAGES = [
  {
    name: "the front door's queue (waiting referrals)",
    role: 'FRONT_DOOR',
    path: '/front-door/referrals?status=RECEIVED&status=AWAITING_INFORMATION',
  },
  { name: "the analyst's dashboard (every view, demo year)", role: 'ANALYST', path: '/analytics' },
] as const;

const main = async () => {
  const browser = await launchBrowser();
  const rows: string[] = [];
  try {
    for (const { name, role, path } of PAGES) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(`${CONSOLE_URL}/sign-in`);
      await page.click(`input[name="role"][value="${role}"]`);
      await page.type('#organisation', 'LA888');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button.govuk-button:not(.govuk-button--secondary)')]);
      const times: number[] = [];
      for (let load = 0; load <= LOADS; load += 1) {
        const response = await page.goto(`${CONSOLE_URL}${path}`, { waitUntil: 'load' });
        if (!response?.ok()) throw new Error(`${path}: ${response?.status()}`);
        // The browser's own measure: from the request to the load event (server, transfer, parse, scripts, charts).
        const loaded = (await page.evaluate(`performance.getEntriesByType('navigation')[0].loadEventEnd`)) as number;
        if (load > 0) times.push(loaded);
      }
      await context.close();
      const sorted = [...times].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      rows.push(`| ${name} | ${median.toFixed(0)} | ${sorted[sorted.length - 1].toFixed(0)} | ${CEILING_MS} |`);
    }
  } finally {
    await browser.close();
  }
  console.log(
    [
      `Page loads in Chromium, ${LOADS} each after a warm-up, against ${CONSOLE_URL}:`,
      '',
      '| page | median (ms) | slowest (ms) | ceiling (ms) |',
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
