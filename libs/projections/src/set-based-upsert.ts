import type { EntityManager } from 'typeorm';

export interface UpsertColumn<Row> {
  name: string;
  /** The PostgreSQL array element type the values travel as (uuid, text, date, timestamptz, boolean, integer). */
  type: string;
  value: (row: Row) => unknown;
  /**
   * How a value meets the one already there: `keep-first-known` (the default) fills a column that is
   * still null and never overwrites, so the events that set it may arrive in any order and any number
   * of times; `any-true` ORs flags together; `earliest` keeps the least value (the first of several dates).
   */
  merge?: 'keep-first-known' | 'any-true' | 'earliest';
}

/** A column filled from the row object's field of the same name: the usual case. */
export const columnNamed = <Row extends Record<string, unknown>>(
  name: string,
  type: string,
  merge?: UpsertColumn<Row>['merge'],
): UpsertColumn<Row> => ({
  name,
  type,
  value: (row) => row[name],
  merge,
});

/**
 * One INSERT ... SELECT FROM unnest(...) ON CONFLICT for a whole batch of rows: one round trip
 * however many events. Rows with the same key are merged first (PostgreSQL refuses to update one
 * row twice in a statement), with the same rule as the conflict update.
 */
export const upsertRows = async <Row>(
  manager: EntityManager,
  table: string,
  key: UpsertColumn<Row>,
  columns: UpsertColumn<Row>[],
  rows: Row[],
): Promise<void> => {
  if (rows.length === 0) return;
  const all = [key, ...columns];
  const merged = new Map<unknown, unknown[]>();
  for (const row of rows) {
    const values = all.map((column) => column.value(row) ?? null);
    const existing = merged.get(values[0]);
    merged.set(values[0], existing ? all.map((column, index) => mergeValue(column, existing[index], values[index])) : values);
  }
  // In key order, so that two transactions upserting overlapping rows lock them in the same order and never deadlock.
  const ordered = [...merged.entries()]
    .sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0))
    .map(([, values]) => values);
  const parameters = all.map((_, index) => ordered.map((values) => values[index]));
  const updates = columns.map((column) => `${column.name} = ${conflictUpdate(column)}`);
  await manager.query(
    `INSERT INTO ${table} AS existing (${all.map((column) => column.name).join(', ')})
     SELECT * FROM unnest(${all.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')})
     ON CONFLICT (${key.name}) DO UPDATE SET ${updates.join(', ')}`,
    parameters,
  );
};

const conflictUpdate = <Row>({ name, merge }: UpsertColumn<Row>): string => {
  switch (merge) {
    case 'any-true':
      return `coalesce(existing.${name}, false) OR coalesce(excluded.${name}, false)`;
    case 'earliest':
      return `least(existing.${name}, excluded.${name})`; // least() ignores nulls
    default:
      return `coalesce(existing.${name}, excluded.${name})`;
  }
};

const mergeValue = <Row>(column: UpsertColumn<Row>, first: unknown, second: unknown): unknown => {
  switch (column.merge) {
    case 'any-true':
      return first === true || second === true;
    case 'earliest':
      // Values of one column share a type and ISO dates and times order as strings.
      if (first === null || first === undefined) return second;
      if (second === null || second === undefined) return first;
      return (first as string) <= (second as string) ? first : second;
    default:
      return first ?? second;
  }
};
