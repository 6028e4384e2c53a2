import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAsyncApiDocument, problemsOf2020_12Schema, type AsyncApiDocument } from '@csc/contracts';
import { eventCataloguePage } from './event-catalogue-page';

export const EVENT_DOCS_DIR = resolve(__dirname, '../../docs/events');
export const ASYNCAPI_PATH = resolve(EVENT_DOCS_DIR, 'asyncapi.json');
export const CATALOGUE_PAGE_PATH = resolve(EVENT_DOCS_DIR, 'index.html');

export interface EventDocs {
  asyncApiJson: string;
  page: string;
}

/** Refuses a document whose payloads draft 2020-12 would not take: better no file than a wrong one. */
const checked = (document: AsyncApiDocument): AsyncApiDocument => {
  const problems = Object.entries(document.components.messages).flatMap(([id, message]) =>
    problemsOf2020_12Schema(message.payload.schema).map((problem) => `${id}: ${problem}`),
  );
  if (problems.length > 0) throw new Error(`the generated payload schemas are not valid draft 2020-12:\n${problems.join('\n')}`);
  return document;
};

/** The catalogue's files as the contracts say they should be. */
export const generatedEventDocs = (): EventDocs => {
  const document = checked(buildAsyncApiDocument());
  return { asyncApiJson: `${JSON.stringify(document, null, 2)}\n`, page: eventCataloguePage(document) };
};

const readOrEmpty = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

export const committedEventDocs = (): EventDocs => ({ asyncApiJson: readOrEmpty(ASYNCAPI_PATH), page: readOrEmpty(CATALOGUE_PAGE_PATH) });
