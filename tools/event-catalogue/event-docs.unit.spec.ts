import { buildAsyncApiDocument, currentSchemaVersionOf, EVENT_TYPES } from '@csc/contracts';
import { eventCataloguePage } from './event-catalogue-page';
import { committedEventDocs, generatedEventDocs } from './event-docs';
import { fieldRowsOf, typeLabelOf } from './schema-fields';

const RUN_IT = 'out of date: run `npm run docs:events` and commit docs/events';

// Reads docs/events (the files this unit test touches): a contract changed without `npm run docs:events` fails here.
describe('the committed event catalogue', () => {
  const committed = committedEventDocs();
  const generated = generatedEventDocs();

  it('docs/events/asyncapi.json is what the contracts generate', () => {
    expect(committed.asyncApiJson === generated.asyncApiJson ? 'up to date' : RUN_IT).toBe('up to date');
  });

  it('docs/events/index.html is what the contracts generate', () => {
    expect(committed.page === generated.page ? 'up to date' : RUN_IT).toBe('up to date');
  });
});

describe('the event catalogue page', () => {
  const page = eventCataloguePage(buildAsyncApiDocument());

  it('stands alone: no script, no stylesheet or image from elsewhere', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(page).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
  });

  it('names every event type at its current version and the older versions, with a heading to link to', () => {
    for (const type of EVENT_TYPES) expect(page).toContain(`<h3 id="${type}.v${currentSchemaVersionOf(type)}">`);
    expect(page).toContain('<h3 id="ReferralReceived.v1">ReferralReceived v1<span class="tag">older version</span>');
  });

  it('gives every table a caption and header cells with their scope, and says "Sealed" in words, not colour alone', () => {
    expect(page.match(/<table>/g)?.length).toBe(page.match(/<table>\s*<caption>/g)?.length);
    expect(page).not.toMatch(/<th>/);
    expect(page).toMatch(/<tr class="sealed">\s*<th scope="row"><code>data\.subject\.child\.givenName<\/code><\/th>[^]*?<td>Sealed<\/td>/);
  });

  it('escapes what it shows', () => {
    const document = buildAsyncApiDocument();
    const page = eventCataloguePage({ ...document, info: { ...document.info, description: 'An <em>unsafe</em> `<b>`' } });
    expect(page).toContain('An &lt;em&gt;unsafe&lt;/em&gt; <code>&lt;b&gt;</code>');
  });
});

describe('field rows', () => {
  it('say each type as a reader would, and follow objects, nullable objects and lists', () => {
    expect(typeLabelOf({ type: ['string', 'null'] })).toBe('string or null');
    expect(typeLabelOf({ anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] })).toBe('string (uuid) or null');
    expect(typeLabelOf({ type: 'array', items: { enum: ['A', 'B'] } })).toBe('list of one of A, B');
    const rows = fieldRowsOf({
      type: 'object',
      required: ['plan'],
      properties: {
        plan: {
          anyOf: [
            { type: 'object', properties: { goals: { type: 'array', items: { type: 'object', properties: { text: {} } } } } },
            { type: 'null' },
          ],
        },
      },
    });
    expect(rows.map(({ path, required }) => [path, required])).toEqual([
      ['plan', true],
      ['plan.goals', false],
      ['plan.goals[].text', false],
    ]);
  });
});
