import { encodeCursor, type CursorKey } from './keyset-cursor';

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

/**
 * A page from rows fetched with `limit + 1` in the list's order: the extra row only says there is a
 * next page, and the cursor is the keys of the page's last row.
 */
export const pageOf = <Row, Item = Row>(
  rows: Row[],
  limit: number,
  keysOf: (row: Row) => CursorKey[],
  toItem: (row: Row) => Item = (row) => row as unknown as Item,
): Page<Item> => {
  const items = rows.slice(0, limit);
  const more = rows.length > limit && items.length > 0;
  return { items: items.map(toItem), next: more ? encodeCursor(keysOf(items[items.length - 1])) : null };
};
