import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

/** A value written into a statement's text as a literal (see inlineValues): nothing that needs a type of its own. */
export type InlineValue = string | number | boolean | null;

/** The statement a transaction opens with, numbered from $1 as for any query. */
export interface OpeningStatement {
  text: string;
  values: readonly InlineValue[];
}

export interface TransactionCommit {
  /**
   * Commit without waiting for the commit to reach the disk (PostgreSQL's asynchronous commit): the
   * transaction is visible at once and on disk soon after (within three times wal_writer_delay, 600 ms
   * by default). A crash of PostgreSQL, or a failover to a standby, in between loses it whole, never
   * part of it, and only the latest such commits. Only for a transaction whose loss the log repairs by
   * itself, with nothing outside PostgreSQL having acted on it for good: a relay's checkpoint, whose
   * events are then published again (every consumer takes an event once however often it comes).
   * Never for a command's events (its caller is told they are written), nor a reaction (its Kafka
   * offset moves on once it commits), nor a projection's batch: the first batch of a partition makes
   * its offset row, and a lost one would leave the runner believing events applied that are not, with
   * no row to say otherwise. On this project's machines a commit that waits for the disk cost about
   * 90 µs more of PostgreSQL's CPU and 0.5 ms more time (npm run bench:commit).
   */
  asynchronousCommit?: boolean;
}

// Sent with the BEGIN, so it costs no round trip; LOCAL, so it ends with the transaction.
const ASYNCHRONOUS_COMMIT = 'SET LOCAL synchronous_commit TO off';

/**
 * Runs `work` in a transaction whose BEGIN travels with its first statement, in one round trip, and
 * hands `work` that statement's rows. The hot transactions (a reaction's inbox claim, a relay's pass, a
 * projection's batch) each begin with a statement of their own; on this machine a round trip costs
 * more CPU, in Node and in PostgreSQL, than most statements it carries (bench/results), and BEGIN
 * carries nothing.
 *
 * pg sends a query with values in the extended protocol, and TypeORM awaits each query before the
 * next; the simple protocol carries several statements in one message, but no values. So the opening
 * statement's values are written into its text as literals (inlineValues), and it is parsed and
 * planned at each use rather than prepared: a round trip costs more than that here. (pg's pipeline
 * mode would send BEGIN and a prepared statement together, but it is set for every client of the pool
 * and changes how each query on a connection fails.)
 *
 * The transaction is TypeORM's own (its depth, commit and rollback): only the text of the START
 * TRANSACTION its startTransaction sends is extended, once. That query goes to pg directly, past
 * TypeORM's query logging and subscribers (none are configured: service-data-source.ts). When the
 * opening statement fails, startTransaction throws with the transaction marked active, and
 * EntityManager.transaction's rollback sends the ROLLBACK that ends it before the connection is released.
 */
export const inTransactionOpenedBy = async <Row, T>(
  dataSource: DataSource,
  opening: OpeningStatement,
  work: (manager: EntityManager, opened: Row[]) => Promise<T>,
  { asynchronousCommit = false }: TransactionCommit = {},
): Promise<T> => {
  const openingText = inlineValues(opening);
  const beginning = asynchronousCommit ? ['START TRANSACTION', ASYNCHRONOUS_COMMIT] : ['START TRANSACTION'];
  const runner = dataSource.createQueryRunner();
  const original = runner.query;
  const query = original.bind(runner) as (text: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  let opened: Row[] | null = null;
  // startTransaction's START TRANSACTION, and only that, goes out with the opening statement.
  runner.query = (async (text: string, parameters?: unknown[], structured?: boolean) => {
    if (text !== 'START TRANSACTION') return query(text, parameters, structured);
    runner.query = original;
    const client = (await runner.connect()) as PoolClient;
    let results: QueryResult[];
    try {
      results = (await client.query([...beginning, openingText].join('; '))) as unknown as QueryResult[];
    } catch (error) {
      // As every other query's failure reaches its caller: the error classification reads the driver's error inside.
      throw new QueryFailedError(openingText, undefined, error as Error);
    }
    if (!Array.isArray(results) || results.length !== beginning.length + 1)
      throw new Error('inTransactionOpenedBy: the opening must be exactly one statement');
    opened = results[beginning.length].rows as Row[];
    return structured ? { records: [], raw: [] } : [];
  }) as typeof runner.query;
  try {
    return await runner.manager.transaction((manager) => {
      // A TypeORM that began its transaction some other way would leave the opening unsent: fail loudly, not with null rows.
      if (opened === null) throw new Error('inTransactionOpenedBy: TypeORM began the transaction without START TRANSACTION');
      return work(manager, opened);
    });
  } finally {
    await runner.release();
  }
};

/**
 * The statement with each $n replaced by its value as a quoted SQL literal (pg's escapeLiteral: quotes
 * and backslashes doubled, E'' when needed). Numbers and booleans are quoted too, as the text pg would
 * bind for them: PostgreSQL then types each literal by where it stands, as it does a parameter, so
 * `$1::uuid`, an int column or a text one read the same either way. The text must hold no $n of its
 * own (in a string, a comment or a dollar-quoted body): the opening statements are short, fixed queries.
 */
export const inlineValues = ({ text, values }: OpeningStatement): string => {
  const used = new Set<number>();
  const inlined = text.replace(/\$(\d+)/g, (placeholder, position: string) => {
    const index = Number(position) - 1;
    if (index < 0 || index >= values.length) throw new Error(`opening statement: ${placeholder} has no value (${values.length} given)`);
    used.add(index);
    return literalOf(values[index]);
  });
  // As PostgreSQL refuses a bound value no placeholder takes: a miscounted call is a mistake to see.
  if (used.size !== values.length) throw new Error(`opening statement: ${values.length} values for ${used.size} placeholders`);
  return inlined;
};

const literalOf = (value: InlineValue): string => {
  if (value === null) return 'NULL';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`opening statement: ${value} is not a number PostgreSQL reads`);
  if (typeof value === 'string' && value.includes('\0')) throw new Error('opening statement: a string with a NUL byte cannot be sent');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return escapeLiteral(String(value));
  throw new Error(`opening statement: a ${typeof value} cannot be written as a literal`);
};
