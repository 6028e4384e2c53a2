import type { PreparedStatement } from './prepared-statement';

/**
 * A write that must commit with an append (a list's row, the audit trail's rows for the response),
 * made in the append's own statement as one more data-modifying WITH query: no round trip of its own.
 * PostgreSQL runs every data-modifying WITH query to completion whatever the main query reads. Should
 * the append be refused (a version conflict, an overtaken stream), the error raised in its statement
 * (AddAppendRefusal) undoes the write with it, inside a transaction or not.
 */
export interface WriteAlongside {
  /** One INSERT or UPDATE (no RETURNING needed), its values numbered $1, $2... of its own; no dollar quoting in it. */
  text: string;
  values: unknown[];
}

/**
 * What an append may be guarded by (EventStore.appendIfGuardChanges): `text` is one INSERT or UPDATE
 * with a RETURNING clause, named `guard` in the statement; the events are written only if it returns a
 * row. `leading` holds the WITH queries it reads from (`name AS (...)`, comma-separated), placed before
 * it and numbered with it ($1... over both). Writes alongside a guarded append may read `guard`'s rows.
 * A data-modifying leading query runs whether or not the guard returns a row (as every data-modifying
 * WITH query does): make it write only when the guard will, as the notification's inbox number is
 * taken only for a notification not recorded yet.
 */
export interface AppendGuard extends WriteAlongside {
  leading?: string;
}

/**
 * The statement that makes `writes` with a statement `head` (`WITH a AS (...), b AS (...)`) and
 * `tail` (its main query) numbered up to `$taken`: each write's numbers shifted past those before
 * it. Prepared under a name of its text, so that a shape of writes met again (the same command) is
 * parsed and planned once per connection: names are short (PostgreSQL cuts them at 63 bytes).
 */
export const withWritesAlongside = (
  head: string,
  tail: string,
  taken: number,
  writes: readonly WriteAlongside[],
  namePrefix: string,
): { statement: PreparedStatement; values: unknown[] } => {
  let text = head;
  const values: unknown[] = [];
  writes.forEach((write, index) => {
    const shift = taken + values.length;
    text += `, alongside_${index} AS (${shiftParameters(write.text, shift)})`;
    values.push(...write.values);
  });
  text += tail;
  let statement = composed.get(text);
  if (!statement) {
    statement = { name: `${namePrefix}-${composed.size + 1}`, text };
    composed.set(text, statement);
  }
  return { statement, values };
};

const composed = new Map<string, PreparedStatement>();

/** A statement's parameters renumbered to follow `shift` taken before them ($1 becomes $shift+1...). */
export const shiftParameters = (text: string, shift: number): string =>
  text.replace(/\$(\d+)/g, (_, number: string) => `$${Number(number) + shift}`);
