import { QueryFailedError } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { queryPrepared } from './prepared-statement';
import { inTransactionOpenedBy } from './transaction-opening';

const CLAIM = `INSERT INTO claims (id, note) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id, note, pg_current_xact_id()::text AS xact`;

describe('a transaction opened by its first statement and closed by its last, against PostgreSQL', () => {
  let database: TestDatabase;
  const claims = async () => database.dataSource.query(`SELECT id, note FROM claims ORDER BY id`);

  beforeAll(async () => {
    database = await createTestDatabase('transaction_opening', []);
    await database.dataSource.query(`CREATE TABLE claims (id int PRIMARY KEY, note text)`);
    await database.dataSource.query(`CREATE TABLE effects (claim int, xact text)`);
    // Not transactional: a statement that took a number from it was sent, whether or not its transaction committed.
    await database.dataSource.query(`CREATE SEQUENCE closings`);
  });
  afterEach(() => database.dataSource.query(`TRUNCATE claims, effects`));
  afterAll(() => database.drop());

  it("hands the work the opening statement's rows, and commits both in one transaction", async () => {
    const outcome = await inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [1, 'first'] }, async (manager, opened) => {
      const [{ xact }] = await manager.query(`SELECT pg_current_xact_id()::text AS xact`);
      await manager.query(`INSERT INTO effects (claim) VALUES (1)`);
      // TypeORM knows its runner is in a transaction: a nested one is a savepoint on the same connection.
      expect(manager.queryRunner?.isTransactionActive).toBe(true);
      await manager.transaction((nested) => nested.query(`INSERT INTO effects (claim) VALUES (2)`));
      return { opened, xact };
    });
    expect(outcome.opened).toEqual([{ id: 1, note: 'first', xact: outcome.xact }]);
    expect(await claims()).toEqual([{ id: 1, note: 'first' }]);
    expect(await database.dataSource.query(`SELECT claim FROM effects ORDER BY claim`)).toEqual([{ claim: 1 }, { claim: 2 }]);
  });

  it('sends the reads that follow the opening statement in the same round trip, each seeing what the ones before it wrote', async () => {
    const { opened, following } = await inTransactionOpenedBy(
      database.dataSource,
      [
        { text: CLAIM, values: [10, 'with reads'] },
        { text: `SELECT note, pg_current_xact_id()::text AS xact FROM claims WHERE id = $1`, values: [10] },
        { text: `SELECT count(*)::int AS n FROM effects WHERE claim = $1`, values: [10] },
      ],
      async (_, opened: { xact: string }[], __, following) => ({ opened, following }),
    );
    expect(following).toEqual([[{ note: 'with reads', xact: opened[0].xact }], [{ n: 0 }]]);
  });

  it('rolls the opening statement back with the work when the work throws', async () => {
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [2, 'undone'] }, async (manager) => {
        await manager.query(`INSERT INTO effects (claim) VALUES (2)`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await claims()).toEqual([]);
    expect(await database.dataSource.query(`SELECT claim FROM effects`)).toEqual([]);
  });

  it('sees a claim already made as no row (a redelivery), and writes nothing for it', async () => {
    await database.dataSource.query(`INSERT INTO claims (id, note) VALUES (3, 'earlier')`);
    const opened = await inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [3, 'again'] }, async (_, rows) => rows);
    expect(opened).toEqual([]);
    expect(await claims()).toEqual([{ id: 3, note: 'earlier' }]);
  });

  it('binds numbers and booleans as pg would, typed by where they stand: compared with text, they are text', async () => {
    await database.dataSource.query(`INSERT INTO claims (id, note) VALUES (7, '5'), (8, 'true'), (9, '1.5')`);
    const noted = async (value: number | boolean) =>
      inTransactionOpenedBy(
        database.dataSource,
        { text: `SELECT id FROM claims WHERE note = $1`, values: [value] },
        async (_, rows) => rows,
      );
    expect(await noted(5)).toEqual([{ id: 7 }]);
    expect(await noted(true)).toEqual([{ id: 8 }]);
    expect(await noted(1.5)).toEqual([{ id: 9 }]);
    // Compared with an integer, a fraction is refused as a bound one would be, not compared as a numeric.
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: `SELECT id FROM claims WHERE id = $1`, values: [1.5] }, async () => 'never'),
    ).rejects.toMatchObject({ driverError: { code: '22P02' } });
  });

  it('writes values as literals that read back exactly: quotes, backslashes, placeholders, comments, negatives and nulls', async () => {
    const awkward = `O'Brien \\ '' $2 -- ; DROP TABLE claims; E'\\x'`;
    const [row] = await inTransactionOpenedBy(
      database.dataSource,
      { text: `SELECT $1::text AS text, 10-$2 AS difference, $3::text AS absent, $4::boolean AS yes`, values: [awkward, -5, null, true] },
      async (_, rows: { text: string; difference: number; absent: null; yes: boolean }[]) => rows,
    );
    expect(row).toEqual({ text: awkward, difference: 15, absent: null, yes: true });
    expect(await claims()).toEqual([]);
  });

  it("fails as any other query does when the opening statement fails: TypeORM's QueryFailedError with PostgreSQL's code, the connection returned clean", async () => {
    const failure = inTransactionOpenedBy(
      database.dataSource,
      { text: `INSERT INTO claims (id) VALUES ($1::int / 0)`, values: [4] },
      async () => 'never',
    );
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ driverError: { code: '22012' } });
    // Every pooled connection is out of its transaction: the next opening on any of them works.
    for (let claim = 5; claim < 15; claim++) {
      await inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [claim, null] }, async () => undefined);
    }
    expect(await claims()).toHaveLength(10);
  });

  it('refuses a value it cannot write as a literal, and a placeholder without a value, before anything is sent', async () => {
    const runners = jest.spyOn(database.dataSource, 'createQueryRunner');
    await expect(
      inTransactionOpenedBy(
        database.dataSource,
        { text: CLAIM, values: [6, { note: 'object' } as unknown as string] },
        async () => 'never',
      ),
    ).rejects.toThrow('a object cannot be written as a literal');
    await expect(inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [6] }, async () => 'never')).rejects.toThrow(
      '$2 has no value (1 given)',
    );
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [Number.NaN, 'x'] }, async () => 'never'),
    ).rejects.toThrow('NaN is not a number PostgreSQL reads');
    await expect(inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [6, 'x\0y'] }, async () => 'never')).rejects.toThrow(
      'a string with a NUL byte cannot be sent',
    );
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [6, 'x', 'extra'] }, async () => 'never'),
    ).rejects.toThrow('3 values for 2 placeholders');
    expect(runners).not.toHaveBeenCalled();
    runners.mockRestore();
    expect(await claims()).toEqual([]);
  });

  const CLOSING = `INSERT INTO effects (claim, xact) VALUES ($1, pg_current_xact_id()::text)`;
  const effects = async () => database.dataSource.query(`SELECT claim, xact FROM effects ORDER BY claim`);

  it("sends the closing statement with the COMMIT, in the work's transaction", async () => {
    const outcome = await inTransactionOpenedBy(
      database.dataSource,
      { text: CLAIM, values: [20, 'closed'] },
      async (manager, opened: { xact: string }[], closing) => {
        await manager.query(`INSERT INTO effects (claim) VALUES (21)`);
        closing.closeWith({ text: CLOSING, values: [22] });
        return opened[0].xact;
      },
    );
    expect(await claims()).toEqual([{ id: 20, note: 'closed' }]);
    expect(await effects()).toEqual([
      { claim: 21, xact: null },
      { claim: 22, xact: outcome },
    ]);
  });

  it('never sends the closing statement when the work throws after giving it: the transaction rolls back whole', async () => {
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [23, 'undone'] }, async (_, __, closing) => {
        closing.closeWith({ text: `INSERT INTO effects (claim, xact) VALUES (nextval('closings'), $1)`, values: ['never sent'] });
        throw new Error('the work failed after closing');
      }),
    ).rejects.toThrow('the work failed after closing');
    // Never sent, not sent and rolled back: no number was taken.
    expect(await database.dataSource.query(`SELECT is_called FROM closings`)).toEqual([{ is_called: false }]);
    expect(await claims()).toEqual([]);
    expect(await effects()).toEqual([]);
  });

  it("fails as any query does when the closing statement fails: QueryFailedError with PostgreSQL's code, nothing committed, connections clean", async () => {
    const failure = inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [24, 'undone'] }, async (manager, _, closing) => {
      await manager.query(`INSERT INTO effects (claim) VALUES (24)`);
      closing.closeWith({ text: `INSERT INTO effects (claim) VALUES ($1::int / 0)`, values: [25] });
    });
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ driverError: { code: '22012' } });
    expect(await claims()).toEqual([]);
    expect(await effects()).toEqual([]);
    for (let claim = 30; claim < 40; claim++) {
      await inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [claim, null] }, async (_, __, closing) =>
        closing.closeWith({ text: CLOSING, values: [claim] }),
      );
    }
    expect(await claims()).toHaveLength(10);
    expect(await effects()).toHaveLength(10);
  });

  it('runs prepared statements (queryPrepared) in the work as any other, and refuses one after the closing', async () => {
    const effect = { name: 'transaction-opening-effect', text: `INSERT INTO effects (claim) VALUES ($1)` };
    await inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [53, 'prepared'] }, async (manager, _, closing) => {
      await queryPrepared(manager, effect, [53]);
      closing.closeWith({ text: CLOSING, values: [54] });
    });
    expect((await effects()).map(({ claim }: { claim: number }) => claim)).toEqual([53, 54]);
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [55, 'undone'] }, async (manager, _, closing) => {
        closing.closeWith({ text: CLOSING, values: [55] });
        await queryPrepared(manager, effect, [56]);
      }),
    ).rejects.toThrow('a statement after the closing one (INSERT INTO effects');
    expect(await claims()).toEqual([{ id: 53, note: 'prepared' }]);
  });

  it('refuses a statement after the closing one, and a second closing, rolling the transaction back', async () => {
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [26, 'undone'] }, async (manager, _, closing) => {
        closing.closeWith({ text: CLOSING, values: [26] });
        await manager.query(`INSERT INTO effects (claim) VALUES (27)`);
      }),
    ).rejects.toThrow('a statement after the closing one');
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [28, 'undone'] }, async (_, __, closing) => {
        closing.closeWith({ text: CLOSING, values: [28] });
        closing.closeWith({ text: CLOSING, values: [29] });
      }),
    ).rejects.toThrow('a transaction has one closing statement');
    // A work that swallows the refusal still does not commit without its closing.
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [29, 'undone'] }, async (manager, _, closing) => {
        closing.closeWith({ text: CLOSING, values: [29] });
        await manager.query(`INSERT INTO effects (claim) VALUES (29)`).catch(() => undefined);
      }),
    ).rejects.toThrow('does not commit without it');
    expect(await claims()).toEqual([]);
    expect(await effects()).toEqual([]);
  });

  it('refuses a closing given inside a nested transaction (it would go after the savepoint ended), and leaves every connection clean', async () => {
    await expect(
      inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [41, 'undone'] }, async (manager, _, closing) =>
        manager.transaction(async (nested) => {
          await nested.query(`INSERT INTO effects (claim) VALUES (41)`);
          closing.closeWith({ text: CLOSING, values: [41] });
        }),
      ),
    ).rejects.toThrow('the closing statement is given at the top level');
    expect(await claims()).toEqual([]);
    expect(await effects()).toEqual([]);
    for (let claim = 42; claim < 52; claim++) {
      await inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [claim, null] }, async () => undefined);
    }
    expect(await claims()).toHaveLength(10);
    expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction'`)).toEqual([
      { n: 0 },
    ]);
  });
});
