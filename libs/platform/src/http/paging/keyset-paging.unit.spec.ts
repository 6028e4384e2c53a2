import { decodeCursor, encodeCursor } from './keyset-cursor';
import { pageOf } from './page';

describe('keyset paging', () => {
  it('round-trips the sort keys of the row a page ended on', () => {
    const keys = ['2025-05-01T09:00:00.000Z', 42, null, 'c0ffee00-0000-4000-8000-000000000000'];
    expect(decodeCursor(encodeCursor(keys))).toEqual(keys);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a b'],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['an empty array', Buffer.from('[]').toString('base64url')],
    ['too many keys', Buffer.from('[1,2,3,4,5]').toString('base64url')],
    ['a nested value', Buffer.from('[{"a":1}]').toString('base64url')],
    ['too long', 'x'.repeat(600)],
  ])('refuses a cursor that is %s', (_, text) => {
    expect(decodeCursor(text)).toBeNull();
  });

  it('pages rows fetched with one extra: the extra says there is more, the cursor names the last row shown', () => {
    const rows = [1, 2, 3].map((n) => ({ id: n }));
    const first = pageOf(rows, 2, (row) => [row.id]);
    expect(first.items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decodeCursor(first.next!)).toEqual([2]);
    expect(pageOf(rows, 3, (row) => [row.id]).next).toBeNull();
    expect(pageOf([], 3, () => [0])).toEqual({ items: [], next: null });
  });

  it('maps rows to what the caller sees, keeping the cursor on the row', () => {
    const page = pageOf(
      [
        { id: 7, secret: 'x' },
        { id: 8, secret: 'y' },
      ],
      1,
      (row) => [row.id],
      ({ id }) => ({ id }),
    );
    expect(page).toEqual({ items: [{ id: 7 }], next: encodeCursor([7]) });
  });
});
