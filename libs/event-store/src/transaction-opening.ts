import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/** A value written into a statement's text as a literal (see inlineValues): nothing that needs a type of its own. */
export type InlineValue = string | number | boolean | null;

/** The statement a transaction opens with, numbered from $1 as for any query. */
export interface OpeningStatement {
  text: string;
  values: readonly InlineValue[];
}

/**
 * Runs `work` in a transaction whose BEGIN travels with its first statement, in one round trip, and
 * hands `work` that statement's rows. The hot transactions (a reaction's inbox claim, a relay's pass, a
 * projection's batch) each begin with a statement of their own; on this machine a round trip costs
 * more CPU, in Node and in PostgreSQL, than most statements it carries (bench/results), and BEGIN
 * carries nothing.
 *
 * pg sends a query with values in the extended protocol, one statement per round trip; only the simple
 * protocol carries several statements, and it carries no values. So the opening statement's values
 * are written into its text as literals (inlineValues), which limits them to strings, numbers,
 * booleans and null. The transaction is TypeORM's own (its depth, commit and rollback): only the text
 * of its START TRANSACTION is extended, once.
 */
export const inTransactionOpenedBy = async <Row, T>(
  dataSource: DataSource,
  opening: OpeningStatement,
  work: (manager: EntityManager, opened: Row[]) => Promise<T>,
): Promise<T> => {
  const openingText = inlineValues(opening);
  const runner = dataSource.createQueryRunner();
  const original = runner.query;
  const query = original.bind(runner) as (text: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  let opened: Row[] | null = null;
  // startTransaction's START TRANSACTION, and only that, goes out with the opening statement.
  runner.query = (async (text: string, parameters?: unknown[], structured?: boolean) => {
    if (opened !== null || text !== 'START TRANSACTION') return query(text, parameters, structured);
    runner.query = original;
    const client = (await runner.connect()) as PoolClient;
    let results: QueryResult[];
    try {
      results = (await client.query(`START TRANSACTION; ${openingText}`)) as unknown as QueryResult[];
    } catch (error) {
      // As every other query's failure reaches its caller: the error classification reads the driver's error inside.
      throw new QueryFailedError(openingText, undefined, error as Error);
    }
    opened = results[1].rows as Row[];
    return structured ? { records: [], raw: [] } : [];
  }) as typeof runner.query;
  try {
    return await runner.manager.transaction((manager) => work(manager, opened!));
  } finally {
    await runner.release();
  }
};

/**
 * The statement with each $n replaced by its value as a SQL literal: strings through pg's escapeLiteral
 * (quotes and backslashes doubled, E'' when needed), finite numbers as they print, booleans and null as
 * keywords. PostgreSQL types an untyped literal by where it stands, as it does a parameter, so a cast
 * the text gives ($1::uuid) reads the same either way. The text must hold no $n of its own (in a
 * string or a dollar-quoted body): the opening statements are short, fixed queries.
 */
export const inlineValues = ({ text, values }: OpeningStatement): string =>
  text.replace(/\$(\d+)/g, (placeholder, position: string) => {
    const index = Number(position) - 1;
    if (index < 0 || index >= values.length) throw new Error(`opening statement: ${placeholder} has no value (${values.length} given)`);
    return literalOf(values[index]);
  });

const literalOf = (value: InlineValue): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`opening statement: ${value} is not a number PostgreSQL reads`);
    // In brackets when negative: `a-$1` must not become the comment `a--1`.
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'string') return escapeLiteral(value);
  throw new Error(`opening statement: a ${typeof value} cannot be written as a literal`);
};
