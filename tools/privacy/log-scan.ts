import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { identifiersInSource, mergeIdentifiers, scanLogs, type TestChildIdentifiers } from './personal-data-in-logs';

/**
 * `npm run privacy:logs` (the last step of `npm test`): fails if a service's log from the test run
 * (.run/test-logs, written by libs/testing's startServiceUnderTest) holds a test child's personal data.
 * The children are whoever the test code describes, so a new test's child is covered without a list.
 */
const ROOT = resolve(__dirname, '../..');
const LOG_DIRECTORY = resolve(ROOT, process.argv[2] ?? '.run/test-logs');

/** Test code: every spec under services/ and libs/, every services' test/ folder, and libs/testing (builders, harnesses). */
const isTestSource = (path: string): boolean =>
  path.endsWith('.ts') && (path.endsWith('.spec.ts') || path.includes('/test/') || path.startsWith('libs/testing/'));

const testChildren = (): TestChildIdentifiers =>
  mergeIdentifiers(
    ['services', 'libs'].flatMap((top) =>
      readdirSync(join(ROOT, top), { recursive: true, encoding: 'utf8' })
        .map((path) => `${top}/${path}`)
        .filter((path) => !path.includes('node_modules/') && isTestSource(path))
        .map((path) => identifiersInSource(readFileSync(join(ROOT, path), 'utf8'))),
    ),
  );

const main = () => {
  const ids = testChildren();
  const logs = existsSync(LOG_DIRECTORY)
    ? readdirSync(LOG_DIRECTORY)
        .filter((name) => name.endsWith('.log'))
        .map((name) => ({ file: relative(ROOT, join(LOG_DIRECTORY, name)), text: readFileSync(join(LOG_DIRECTORY, name), 'utf8') }))
    : [];
  const { findings, problem } = scanLogs(logs, ids);
  const scope = `${ids.names.length} names, ${ids.nhsNumbers.length} NHS numbers, ${ids.upns.length} UPNs, ${ids.postcodes.length} postcodes`;
  if (problem) {
    console.error(`privacy: ${problem} in ${relative(ROOT, LOG_DIRECTORY)} (run the int and e2e tests first)`);
    process.exit(1);
  }
  if (findings.length > 0) {
    for (const { file, line, what } of findings.slice(0, 50)) console.error(`${file}:${line}: ${what}`);
    console.error(`privacy: ${findings.length} personal data item(s) in the service logs (test children: ${scope})`);
    process.exit(1);
  }
  console.log(`privacy: no personal data in ${logs.length} service logs (test children: ${scope}, and any valid NHS number or UPN)`);
};

main();
