import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where services under test write their logs, one file per service, for the whole run. After the
 * tests, `npm run privacy:logs` scans them for the test children's personal data. When one test file
 * starts several services, Nest's own lines outside a request (start-up, relay, reactions) all land in
 * the first one's file: nestjs-pino keeps one such logger per process. Every line is still scanned.
 * Imported by jest global set-up too, so nothing here may import an @csc/* alias.
 */
export const TEST_LOG_DIRECTORY = resolve(__dirname, '../../../.run/test-logs');

export const testLogFile = (serviceName: string): string => resolve(TEST_LOG_DIRECTORY, `${serviceName}.log`);

/** At the start of a run: a stale log from an earlier run must neither fail nor excuse this one. */
export const clearTestLogs = (): void => rmSync(TEST_LOG_DIRECTORY, { recursive: true, force: true });
