import type { EntityManager } from 'typeorm';

/**
 * A hot statement PostgreSQL parses and plans once per connection, not at every call: the driver
 * (pg) sends it by name after its first use. Its text must never change under the same name (pg
 * refuses a second text for a name on a connection), so it is a constant, with no value inlined.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Runs a prepared statement through TypeORM's manager, so that it takes part in the manager's
 * transaction and its errors are TypeORM's QueryFailedError as for any other query. TypeORM hands
 * the query to pg's `client.query(query, values)` untouched, and pg takes a `{ name, text }` config
 * there; TypeORM's type says string only, hence the cast. A fresh object each call: pg writes the
 * values onto the config it is given.
 */
export const queryPrepared = <Row = Record<string, unknown>>(
  manager: EntityManager,
  { name, text }: PreparedStatement,
  values: unknown[],
): Promise<Row[]> => manager.query({ name, text } as unknown as string, values);
