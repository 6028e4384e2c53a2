import { randomUUID } from 'node:crypto';
import { aReferralBody, expectStatus, ReferralIntakeHarness } from '../../../test/referral-intake.harness';

/**
 * docs/http-api.md: a create takes an Idempotency-Key. An erasure's key stands for that child's erasure with
 * that body: a retry gets the first answer again, the key on another child or with another reason is
 * 422, and nothing is written (no key destroyed, no ChildErased) on a 4xx.
 */
describe('retrying an erasure', () => {
  let harness: ReferralIntakeHarness;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('erase_child_retries');
  });
  afterAll(() => harness?.stop());

  const aChild = async (): Promise<string> =>
    expectStatus(
      await harness.post('/v1/referrals', aReferralBody({ child: { familyName: `Retry${randomUUID().slice(0, 6)}` } }), 'FRONT_DOOR'),
      201,
    ).body.childId;
  const erase = (childId: string, body: object, headers: Record<string, string> = {}) =>
    harness.post(`/v1/children/${childId}/erasure`, body, 'ADMIN', undefined, headers);
  const erasuresOf = async (childId: string) => ({
    rows: (await harness.database.dataSource.query(`SELECT count(*)::int AS n FROM child_erasures WHERE child_id = $1`, [childId]))[0].n,
    events: (
      await harness.database.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ChildErased' AND child_id = $1`, [
        childId,
      ])
    )[0].n,
  });

  it('answers a retry with the same key and body with the first response (201 again), erasing once', async () => {
    const childId = await aChild();
    const key = randomUUID();
    const first = expectStatus(await erase(childId, { reason: 'Subject access and erasure request.' }, { 'Idempotency-Key': key }), 201);
    const retry = expectStatus(await erase(childId, { reason: 'Subject access and erasure request.' }, { 'Idempotency-Key': key }), 201);
    expect(retry.body).toEqual(first.body);
    expect(await erasuresOf(childId)).toEqual({ rows: 1, events: 1 });
    // Without the key, asking again is what it always was: 200 with the erasure as it was.
    expect(expectStatus(await erase(childId, { reason: 'Again.' }), 200).body).toEqual(first.body);
  });

  it('refuses the key for another child or another reason (422) and a malformed key (400), erasing nothing', async () => {
    const [erased, kept] = [await aChild(), await aChild()];
    const key = randomUUID();
    const body = { basis: 'ERASURE_REQUEST', reason: 'Erasure request.' };
    expectStatus(await erase(erased, body, { 'Idempotency-Key': key }), 201);

    const otherChild = expectStatus(await erase(kept, body, { 'Idempotency-Key': key }), 422);
    expect(otherChild.body.message).toEqual(['Idempotency-Key: already used with a different body']);
    expectStatus(await erase(erased, { ...body, reason: 'Another reason.' }, { 'Idempotency-Key': key }), 422);
    const malformed = expectStatus(await erase(kept, body, { 'Idempotency-Key': 'x'.repeat(101) }), 400);
    expect(malformed.body.message).toEqual(['Idempotency-Key: must be 8-100 letters, digits, - or _ (a UUID is ideal)']);

    expect(await erasuresOf(kept)).toEqual({ rows: 0, events: 0 });
    expect(await erasuresOf(erased)).toEqual({ rows: 1, events: 1 });
    // The kept child's data still opens: its keys were never touched.
    expectStatus(await harness.get(`/v1/children/${kept}/referrals`, 'FRONT_DOOR'), 200);
  });
});
