import { QueryFailedError } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { queryPrepared, type PreparedStatement } from './prepared-statement';

const INSERT: PreparedStatement = { name: 'prepared-spec-insert', text: `INSERT INTO notes (id) VALUES ($1) RETURNING id` };

describe('queryPrepared against PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('prepared_statement', []);
    await database.dataSource.query(`CREATE TABLE notes (id int PRIMARY KEY)`);
  });
  afterAll(() => database.drop());

  it("runs in the manager's transaction, prepared once on its connection and reused by name", async () => {
    await expect(
      database.dataSource.transaction(async (manager) => {
        expect(await queryPrepared(manager, INSERT, [1])).toEqual([{ id: 1 }]);
        expect(await queryPrepared(manager, INSERT, [2])).toEqual([{ id: 2 }]);
        const prepared: { name: string }[] = await manager.query(`SELECT name FROM pg_prepared_statements WHERE name = $1`, [INSERT.name]);
        expect(prepared).toHaveLength(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await database.dataSource.query(`SELECT id FROM notes`)).toEqual([]);
  });

  it("fails as any other query does: TypeORM's QueryFailedError, carrying PostgreSQL's code", async () => {
    await queryPrepared(database.dataSource.manager, INSERT, [3]);
    const failure = queryPrepared(database.dataSource.manager, INSERT, [3]);
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ driverError: { code: '23505' } });
  });
});
