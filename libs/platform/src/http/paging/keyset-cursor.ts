/** One sort key of the row a page ended on: a date or instant as text, a number, or null (sorted last). */
export type CursorKey = string | number | null;

const MAX_CURSOR_LENGTH = 512;
const MAX_KEYS = 4;

/**
 * Keyset paging's cursor: the sort keys of the last row of a page, opaque to the caller (base64url
 * JSON), so the next page starts strictly after that row however many rows arrive meanwhile: no row
 * is skipped or repeated, unlike an offset. It carries sort keys only, never a name or other
 * personal data (a cursor ends up in URLs and logs).
 */
export const encodeCursor = (keys: CursorKey[]): string => Buffer.from(JSON.stringify(keys)).toString('base64url');

/** The keys of a cursor from `encodeCursor`, or null when the text is not one (a 400 for the caller). */
export const decodeCursor = (text: string): CursorKey[] | null => {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CURSOR_LENGTH || !/^[\w-]+$/.test(text)) return null;
  try {
    const keys: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const valid =
      Array.isArray(keys) &&
      keys.length > 0 &&
      keys.length <= MAX_KEYS &&
      keys.every(
        (key) => key === null || (typeof key === 'string' && key.length <= 100) || (typeof key === 'number' && Number.isFinite(key)),
      );
    return valid ? (keys as CursorKey[]) : null;
  } catch {
    return null;
  }
};
