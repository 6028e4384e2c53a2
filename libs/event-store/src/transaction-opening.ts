import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/** A value written into a statement's text as a literal (see inlineValues): nothing that needs a type of its own. */
export type InlineValue = string | number | boolean | null;

/** A statement a transaction opens or closes with, numbered from $1 as for any query, its values written in as literals. */
export interface InlinedStatement {
  text: string;
  values: readonly InlineValue[];
}

/** How the work ends its transaction: `closeWith` sends its last statement with the COMMIT, in one round trip. */
export interface TransactionClosing {
  /**
   * Sends `statement` with the transaction's COMMIT, once the work has returned (its values written as
   * literals, as the opening's). Its rows are not returned. It must be the transaction's last statement:
   * a query after it fails loudly. If the work throws instead, it is never sent (the transaction rolls back).
   */
  closeWith(statement: InlinedStatement): void;
}

/**
 * Runs `work` in a transaction whose BEGIN travels with its first statement (and any reads that
 * follow it), in one round trip, and hands `work` their rows; `work` may send its last statement with the COMMIT in the same
 * way (`closing.closeWith`). The hot transactions (a reaction's inbox claim, a relay's pass, a
 * projection's batch) each begin with a statement of their own, and a relay's pass and a projection's
 * batch end with one (the checkpoint, the offsets); on this machine a round trip costs more CPU, in
 * Node and in PostgreSQL, than most statements it carries (bench/results), and BEGIN and COMMIT carry
 * nothing.
 *
 * pg sends a query with values in the extended protocol, and TypeORM awaits each query before the
 * next; the simple protocol carries several statements in one message, but no values. So the opening
 * and closing statements' values are written into their text as literals (inlineValues), and they are
 * parsed and planned at each use rather than prepared: a round trip costs more than that here. (pg's
 * pipeline mode would send BEGIN and a prepared statement together, but it is set for every client of
 * the pool and changes how each query on a connection fails.)
 *
 * The transaction is TypeORM's own (its depth, commit and rollback): only the texts of the START
 * TRANSACTION its startTransaction sends and of the COMMIT its commitTransaction sends are extended.
 * Those queries go to pg directly, past TypeORM's query logging and subscribers (none are configured:
 * service-data-source.ts). When the opening statement fails, startTransaction throws with the
 * transaction marked active, and EntityManager.transaction's rollback sends the ROLLBACK that ends it
 * before the connection is released. When the closing statement fails, PostgreSQL skips the COMMIT
 * after it in the message, commitTransaction throws with the transaction still active, and the same
 * ROLLBACK ends it.
 */
export const inTransactionOpenedBy = async <Row, T>(
  dataSource: DataSource,
  /** One statement, or several: the first one's rows are `opened`, the others' `following` (reads the work will need). */
  opening: InlinedStatement | readonly InlinedStatement[],
  work: (manager: EntityManager, opened: Row[], closing: TransactionClosing, following: unknown[][]) => Promise<T>,
): Promise<T> => {
  const openingTexts = (Array.isArray(opening) ? opening : [opening]).map(inlineValues);
  if (openingTexts.length === 0) throw new Error('inTransactionOpenedBy: an opening needs a statement');
  const runner = dataSource.createQueryRunner();
  const send = runner.query.bind(runner) as (query: unknown, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  let opened: Row[] | null = null;
  let following: unknown[][] = [];
  let closingText: string | null = null;
  /** The statements in one simple-protocol message: the results of each, each checked to be one statement. */
  const sendTogether = async (texts: string[]): Promise<QueryResult[]> => {
    const client = (await runner.connect()) as PoolClient;
    let results: QueryResult[];
    try {
      results = (await client.query(texts.join('; '))) as unknown as QueryResult[];
    } catch (error) {
      // As every other query's failure reaches its caller: the error classification reads the driver's error inside.
      throw new QueryFailedError(texts.join('; '), undefined, error as Error);
    }
    if (!Array.isArray(results) || results.length !== texts.length)
      throw new Error('inTransactionOpenedBy: each opening or closing statement must be exactly one statement');
    return results;
  };
  /** Set when a statement came after the closing one: the transaction must not commit without its closing. */
  let refusedAfterClosing = false;
  let savepoints = 0;
  // startTransaction's START TRANSACTION goes out with the opening statement; commitTransaction's COMMIT with the closing one.
  // A query is a text, or a prepared statement's `{ name, text }` (queryPrepared): its text is what is looked at.
  runner.query = (async (query: string | { text: string }, parameters?: unknown[], structured?: boolean) => {
    const none = structured ? { records: [], raw: [] } : [];
    const text = typeof query === 'string' ? query : query.text;
    if (text === 'START TRANSACTION' && opened === null) {
      const [, first, ...rest] = await sendTogether(['START TRANSACTION', ...openingTexts]);
      opened = first.rows as Row[];
      following = rest.map((result) => result.rows);
      return none;
    }
    // Savepoints counted, so a closing is given only at the top level.
    if (text.startsWith('SAVEPOINT ') && closingText === null) savepoints += 1;
    if (text.startsWith('RELEASE SAVEPOINT ') || text.startsWith('ROLLBACK TO SAVEPOINT ')) savepoints -= 1;
    // A rollback goes as it is: a closing given is never sent with it.
    if (text === 'ROLLBACK') closingText = null;
    if (text.startsWith('ROLLBACK')) return send(query, parameters, structured);
    if (text === 'COMMIT' && refusedAfterClosing) {
      throw new Error('inTransactionOpenedBy: a statement came after the closing one; the transaction does not commit without it');
    }
    if (closingText === null) return send(query, parameters, structured);
    if (text === 'COMMIT') {
      const closingStatement = closingText;
      closingText = null;
      // The closing is one of a few fixed statements: were it two, the count check would fail after the COMMIT had gone.
      await sendTogether([closingStatement, 'COMMIT']);
      return none;
    }
    refusedAfterClosing = true;
    throw new Error(
      `inTransactionOpenedBy: a statement after the closing one (${text.slice(0, 40)}): the closing statement must be the last`,
    );
  }) as typeof runner.query;
  const closing: TransactionClosing = {
    closeWith: (statement) => {
      if (closingText !== null) throw new Error('inTransactionOpenedBy: a transaction has one closing statement');
      // Inside a nested transaction (a savepoint) the closing would go with the outer COMMIT, after the savepoint's end.
      if (savepoints !== 0) throw new Error('inTransactionOpenedBy: the closing statement is given at the top level');
      closingText = inlineValues(statement);
    },
  };
  try {
    return await runner.manager.transaction((manager) => {
      // A TypeORM that began its transaction some other way would leave the opening unsent: fail loudly, not with null rows.
      if (opened === null) throw new Error('inTransactionOpenedBy: TypeORM began the transaction without START TRANSACTION');
      return work(manager, opened, closing, following);
    });
  } finally {
    // Never back to the pool in a transaction (a rollback TypeORM could not send): ended here first.
    if (runner.isTransactionActive) await send('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
};

/**
 * The statement with each $n replaced by its value as a quoted SQL literal (pg's escapeLiteral: quotes
 * and backslashes doubled, E'' when needed). Numbers and booleans are quoted too, as the text pg would
 * bind for them: PostgreSQL then types each literal by where it stands, as it does a parameter, so
 * `$1::uuid`, an int column or a text one read the same either way. The text must hold no $n of its
 * own (in a string, a comment or a dollar-quoted body): the opening and closing statements are short, fixed queries.
 */
export const inlineValues = ({ text, values }: InlinedStatement): string => {
  const used = new Set<number>();
  const inlined = text.replace(/\$(\d+)/g, (placeholder, position: string) => {
    const index = Number(position) - 1;
    if (index < 0 || index >= values.length) throw new Error(`inlined statement: ${placeholder} has no value (${values.length} given)`);
    used.add(index);
    return literalOf(values[index]);
  });
  // As PostgreSQL refuses a bound value no placeholder takes: a miscounted call is a mistake to see.
  if (used.size !== values.length) throw new Error(`inlined statement: ${values.length} values for ${used.size} placeholders`);
  return inlined;
};

const literalOf = (value: InlineValue): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`inlined statement: ${value} is not a number PostgreSQL reads`);
  if (typeof value === 'string' && value.includes('\0')) throw new Error('inlined statement: a string with a NUL byte cannot be sent');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return escapeLiteral(String(value));
  throw new Error(`inlined statement: a ${typeof value} cannot be written as a literal`);
};
