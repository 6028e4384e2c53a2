import { createTestDatabase, type TestDatabase } from '@csc/testing';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ProjectionOffsets } from './projection-offsets';
import { CreateProjectionOffsets1763800000002 } from './projection-offsets.migration';

class CreateCountView1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`CREATE TABLE referrals_by_source (source text PRIMARY KEY, referrals int NOT NULL)`);
  }
  async down() {}
}

describe('ProjectionOffsets against PostgreSQL', () => {
  let database: TestDatabase;
  const offsets = new ProjectionOffsets();
  const version = { projection: 'referrals-by-source', version: 1 };

  beforeAll(async () => {
    database = await createTestDatabase('projection_offsets', [CreateProjectionOffsets1763800000002, CreateCountView1700000000001]);
  });
  afterAll(() => database?.drop());

  const applyBatch = (sources: string[], nextOffset: string, fail = false) =>
    database.dataSource.transaction(async (manager) => {
      for (const source of sources) {
        await manager.query(
          `INSERT INTO referrals_by_source VALUES ($1, 1) ON CONFLICT (source) DO UPDATE SET referrals = referrals_by_source.referrals + 1`,
          [source],
        );
      }
      await offsets.advance(manager, version, { topic: 't', partition: 0, nextOffset });
      if (fail) throw new Error('crash before commit');
    });

  it('commits view rows and offsets together, or neither', async () => {
    await applyBatch(['2A', '6'], '2');
    await expect(applyBatch(['6'], '3', true)).rejects.toThrow('crash before commit');

    expect(await offsets.load(database.dataSource.manager, version)).toEqual([{ topic: 't', partition: 0, nextOffset: '2' }]);
    expect(await database.dataSource.query(`SELECT source, referrals FROM referrals_by_source ORDER BY source`)).toEqual([
      { source: '2A', referrals: 1 },
      { source: '6', referrals: 1 },
    ]);
  });

  it('recognises a redelivered message as applied and never moves an offset backwards', async () => {
    const manager = database.dataSource.manager;
    expect(await offsets.alreadyApplied(manager, version, 't', 0, '1')).toBe(true);
    expect(await offsets.alreadyApplied(manager, version, 't', 0, '2')).toBe(false);
    expect(await offsets.alreadyApplied(manager, version, 't', 1, '0')).toBe(false);
    await database.dataSource.transaction((m) => offsets.advance(m, version, { topic: 't', partition: 0, nextOffset: '1' }));
    expect(await offsets.load(manager, version)).toEqual([{ topic: 't', partition: 0, nextOffset: '2' }]);
  });

  it('keeps each projection version apart, so a rebuild starts from offset 0 while the current one serves', async () => {
    expect(await offsets.load(database.dataSource.manager, { projection: 'referrals-by-source', version: 2 })).toEqual([]);
  });
});
