import { mkdirSync, writeFileSync } from 'node:fs';
import { ASYNCAPI_PATH, CATALOGUE_PAGE_PATH, committedEventDocs, EVENT_DOCS_DIR, generatedEventDocs } from './event-catalogue/event-docs';

/**
 * `npm run docs:events` writes the event catalogue from libs/contracts: docs/events/asyncapi.json (AsyncAPI 3.0.0)
 * and docs/events/index.html (the same, to read); `-- --check` exits 1 if they are out of date
 * (tools/event-catalogue/event-docs.unit.spec.ts does the same in `npm test`).
 */
const main = () => {
  const committed = committedEventDocs();
  const generated = generatedEventDocs();
  const upToDate = committed.asyncApiJson === generated.asyncApiJson && committed.page === generated.page;
  if (process.argv.includes('--check')) {
    if (upToDate) return console.log('docs/events: the event catalogue matches the contracts');
    console.error('docs/events: the event catalogue is out of date; run `npm run docs:events`');
    process.exit(1);
  }
  mkdirSync(EVENT_DOCS_DIR, { recursive: true });
  writeFileSync(ASYNCAPI_PATH, generated.asyncApiJson);
  writeFileSync(CATALOGUE_PAGE_PATH, generated.page);
  console.log(upToDate ? 'docs/events: the event catalogue was up to date' : 'docs/events: asyncapi.json and index.html rewritten');
};

try {
  main();
} catch (error: unknown) {
  console.error(`event catalogue: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
