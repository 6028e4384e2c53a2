import { QueryFailedError } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { inTransactionOpenedBy } from './transaction-opening';

const CLAIM = `INSERT INTO claims (id, note) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id, note, pg_current_xact_id()::text AS xact`;

describe('a transaction opened by its first statement, against PostgreSQL', () => {
  let database: TestDatabase;
  const claims = async () => database.dataSource.query(`SELECT id, note FROM claims ORDER BY id`);

  beforeAll(async () => {
    database = await createTestDatabase('transaction_opening', []);
    await database.dataSource.query(`CREATE TABLE claims (id int PRIMARY KEY, note text)`);
    await database.dataSource.query(`CREATE TABLE effects (claim int)`);
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

  it("commits asynchronously only when asked, for that transaction alone, with the opening's rows as ever", async () => {
    const setting = async (manager: { query(text: string): Promise<{ synchronous_commit: string }[]> }) =>
      (await manager.query(`SHOW synchronous_commit`))[0].synchronous_commit;
    const asked = await inTransactionOpenedBy(
      database.dataSource,
      { text: CLAIM, values: [4, 'soon on disk'] },
      async (manager, opened) => ({ opened, setting: await setting(manager) }),
      { asynchronousCommit: true },
    );
    expect(asked.setting).toBe('off');
    expect(asked.opened).toEqual([expect.objectContaining({ id: 4, note: 'soon on disk' })]);
    expect(await claims()).toEqual([{ id: 4, note: 'soon on disk' }]);
    // Outside the transaction, the server's own setting (the pool hands back the connection it last released).
    expect(await setting(database.dataSource)).toBe('on');
    const unasked = await inTransactionOpenedBy(database.dataSource, { text: CLAIM, values: [5, 'on disk'] }, async (manager) =>
      setting(manager),
    );
    expect(unasked).toBe('on');
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
});
