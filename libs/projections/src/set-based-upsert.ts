import type { EntityManager } from 'typeorm';

export interface UpsertColumn<Row> {
  name: string;
  /** The PostgreSQL array element type the values travel as (uuid, text, date, timestamptz, boolean, integer). */
  type: string;
  value: (row: Row) => unknown;
  /**
   * How a value meets the one already there: `keep-first-known` (the default) fills a column that is
   * still null and never overwrites, so the events that set it may arrive in any order and any number
   * of times; `any-true` ORs flags together.
   */
  merge?: 'keep-first-known' | 'any-true';
}

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
  const parameters = all.map((_, index) => [...merged.values()].map((values) => values[index]));
  const updates = columns.map((column) =>
    column.merge === 'any-true'
      ? `${column.name} = coalesce(existing.${column.name}, false) OR coalesce(excluded.${column.name}, false)`
      : `${column.name} = coalesce(existing.${column.name}, excluded.${column.name})`,
  );
  await manager.query(
    `INSERT INTO ${table} AS existing (${all.map((column) => column.name).join(', ')})
     SELECT * FROM unnest(${all.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')})
     ON CONFLICT (${key.name}) DO UPDATE SET ${updates.join(', ')}`,
    parameters,
  );
};

const mergeValue = <Row>(column: UpsertColumn<Row>, first: unknown, second: unknown): unknown =>
  column.merge === 'any-true' ? first === true || second === true : (first ?? second);
