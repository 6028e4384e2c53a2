import { randomBytes, randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { referralIntakeMigrations } from '../infrastructure/migrations';

const birth = Buffer.from('b1'.repeat(32), 'hex');
const familyName = Buffer.from('f1'.repeat(32), 'hex');
const LOOKUP = `SELECT referral_id, child_id FROM child_index_lock_and_find($1::text[], NULL, NULL, $2, $3)`;

/** child_index_lock_and_find: the lock and the read in one round trip, the read made once the lock is held. */
describe('the child index lookup against PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('child_index_lookup', referralIntakeMigrations);
  });
  afterAll(() => database.drop());

  it('finds the description a referral holding the same key committed while this lookup waited for the key', async () => {
    const first = database.dataSource.createQueryRunner();
    await first.startTransaction();
    expect(await first.query(LOOKUP, [[birth.toString('hex')], birth, familyName])).toEqual([]);
    const referralId = randomUUID();
    const childId = randomUUID();
    await first.query(
      `INSERT INTO child_identities (referral_id, child_id, birth_index, family_name_index, sealed_identity) VALUES ($1, $2, $3, $4, '{}')`,
      [referralId, childId, birth, familyName],
    );

    const second = database.dataSource.query(LOOKUP, [[birth.toString('hex')], birth, familyName]); // waits for the key
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.commitTransaction();
    await first.release();

    expect(await second).toEqual([{ referral_id: referralId, child_id: childId }]);
  });
});

describe('the child index lookup reads through its indexes, whatever the statistics', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('child_index_plan', referralIntakeMigrations);
    // An automatic ANALYZE after the insert below would replan the lookup and hide what this test looks for.
    await database.dataSource.query(`ALTER TABLE child_identities SET (autovacuum_enabled = off)`);
  });
  afterAll(() => database.drop());

  const someKey = () => randomBytes(32);
  const lookUpSomeone = (connection: QueryRunner) => {
    const [nhs, upn, birthKey, family] = [someKey(), someKey(), someKey(), someKey()];
    return connection.query(`SELECT referral_id FROM child_index_lock_and_find($1::text[], $2, $3, $4, $5)`, [
      [birthKey.toString('hex'), nhs.toString('hex')],
      nhs,
      upn,
      birthKey,
      family,
    ]);
  };

  it('on a connection that first used it while the table was empty, with thousands of rows since and no ANALYZE', async () => {
    const connection = database.dataSource.createQueryRunner();
    try {
      // PL/pgSQL plans the read at the first calls and keeps the plan for the connection's life.
      for (let call = 0; call < 10; call += 1) expect(await lookUpSomeone(connection)).toEqual([]);
      await connection.query(
        `INSERT INTO child_identities (referral_id, child_id, nhs_number_index, upn_index, birth_index, family_name_index, sealed_identity)
         SELECT gen_random_uuid(), gen_random_uuid(), sha256(('n' || n)::bytea), sha256(('u' || n)::bytea),
                sha256(('b' || n)::bytea), sha256(('f' || n)::bytea), '{}'
         FROM generate_series(1, 5000) AS n`,
      );
      // The backend's scans of the table not yet reported (this transaction's and a few before it), before and after.
      const scans = async () => {
        const [row] = await connection.query(`SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'child_identities'`);
        return { sequential: Number(row.seq_scan), byIndex: Number(row.idx_scan) };
      };
      await connection.startTransaction();
      const before = await scans();
      for (let call = 0; call < 20; call += 1) expect(await lookUpSomeone(connection)).toEqual([]);
      const after = await scans();
      await connection.commitTransaction();
      expect({ sequential: after.sequential - before.sequential, byIndex: after.byIndex - before.byIndex >= 20 }).toEqual({
        sequential: 0,
        byIndex: true,
      });
    } finally {
      await connection.release();
    }
  });
});
