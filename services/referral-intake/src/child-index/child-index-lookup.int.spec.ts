import { randomUUID } from 'node:crypto';
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
