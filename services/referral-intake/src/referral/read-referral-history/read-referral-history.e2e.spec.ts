import { randomUUID } from 'node:crypto';
import type { Role } from '@csc/contracts';
import { aReferralBody, expectStatus, LA, ReferralIntakeHarness, SCHOOL_A, SCHOOL_C } from '../../../test/referral-intake.harness';

/** A referral walked from a school through the front door's question to its decision, read back as its chronology. */
describe('GET /v1/referrals/{id}/history', () => {
  let harness: ReferralIntakeHarness;
  let referralId: string;
  let childId: string;
  const history = (role: Role, org?: string, id = referralId) => harness.get(`/v1/referrals/${id}/history`, role, org);

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('referral_history');
    ({ referralId, childId } = expectStatus(
      await harness.post('/v1/referrals', aReferralBody({ receivedAt: '2025-01-03T09:00:00Z' }), 'SCHOOL', SCHOOL_A),
      201,
    ).body);
    const path = `/v1/referrals/${referralId}`;
    expectStatus(await harness.post(`${path}/information-requests`, { question: 'Who lives at home?' }, 'FRONT_DOOR'), 201);
    expectStatus(await harness.post(`${path}/information`, { answer: 'Mum, her partner and a baby brother.' }, 'SCHOOL', SCHOOL_A), 200);
    const decision = { outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Disclosure.', decidedAt: '2025-01-06T15:00:00Z' };
    expectStatus(await harness.post(`${path}/decision`, decision, 'FRONT_DOOR'), 200);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const SCHOOL = { role: 'SCHOOL', org: SCHOOL_A };
  const FRONT_DOOR = { role: 'FRONT_DOOR', org: LA };
  const RECEIVED = "Referral received (source 2A: schools); the family's consent given; concerns recorded with factors 16A, 3A";

  it('tells the front door every step, oldest first, with when and the role and organisation of who did it', async () => {
    const response = expectStatus(await history('FRONT_DOOR'), 200);
    expect(response.headers.etag).toBe('"5"');
    expect(response.body).toEqual({
      referralId,
      version: 5,
      entries: [
        { at: '2025-01-03T09:00:00.000Z', what: RECEIVED, by: SCHOOL, eventType: 'ReferralReceived', version: 1 },
        { at: expect.any(String), what: 'Child recorded as a new child', by: SCHOOL, eventType: 'ChildMatched', version: 2 },
        {
          at: expect.any(String),
          what: 'The front door asked the referrer for more information (question recorded)',
          by: FRONT_DOOR,
          eventType: 'InformationRequested',
          version: 3,
        },
        {
          at: expect.any(String),
          what: 'More information provided (answer recorded)',
          by: SCHOOL,
          eventType: 'InformationProvided',
          version: 4,
        },
        {
          at: '2025-01-06T15:00:00.000Z',
          what: 'Decided: accepted for assessment (primary need N1: abuse or neglect); rationale recorded',
          by: FRONT_DOOR,
          eventType: 'ReferralDecided',
          version: 5,
        },
      ],
    });
    // Who by role and organisation, never the person (the token's subject), nor any free text.
    expect(JSON.stringify(response.body)).not.toMatch(/-user|Who lives|Mum|Disclosure|Amelia/);
  });

  it('shows social care and early help the same chronology as the front door', async () => {
    const frontDoor = expectStatus(await history('FRONT_DOOR'), 200).body;
    for (const role of ['SOCIAL_WORKER', 'EARLY_HELP'] as const) expect(expectStatus(await history(role), 200).body).toEqual(frontDoor);
  });

  it('tells the referring school only what a school may be told: no child match, the decision as a category', async () => {
    const response = expectStatus(await history('SCHOOL', SCHOOL_A), 200);
    expect(response.body.entries.map((entry: { eventType: string; what: string }) => [entry.eventType, entry.what])).toEqual([
      ['ReferralReceived', RECEIVED],
      ['InformationRequested', 'The front door asked the referrer for more information (question recorded)'],
      ['InformationProvided', 'More information provided (answer recorded)'],
      ['ReferralDecided', 'Decided: accepted for assessment'],
    ]);
  });

  it('is audited as the single read is: who read which child', async () => {
    const rows = await harness.database.dataSource.query(
      `SELECT DISTINCT user_role, child_id, resource_id, outcome FROM audit_log WHERE route = '/v1/referrals/{id}/history' AND user_role = 'SCHOOL'`,
    );
    expect(rows).toEqual([{ user_role: 'SCHOOL', child_id: childId, resource_id: referralId, outcome: 200 }]);
  });

  it('answers another school as the single read does: 404, word for word, as if the referral did not exist', async () => {
    const single = await harness.get(`/v1/referrals/${referralId}`, 'SCHOOL', SCHOOL_C);
    const response = expectStatus(await history('SCHOOL', SCHOOL_C), 404);
    expect(response.body).toEqual(single.body);
    expect(response.body.message).toEqual([`id: no referral ${referralId}`]);
  });

  it('answers 404 for an unknown referral and 400 naming the field for an id that is not a UUID', async () => {
    const unknown = randomUUID();
    expect(expectStatus(await history('FRONT_DOOR', LA, unknown), 404).body.message).toEqual([`id: no referral ${unknown}`]);
    expect(expectStatus(await history('FRONT_DOOR', LA, 'not-a-uuid'), 400).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['id: must be a UUID'],
    });
  });

  it('refuses the roles the single read refuses (403), and a call without a token (401)', async () => {
    for (const role of ['ANALYST', 'ADMIN'] as const) expectStatus(await history(role), 403);
    expectStatus(await harness.http().get(`/v1/referrals/${referralId}/history`), 401);
  });

  it("answers an erased child's referral as the single read does: gone to staff, absent to the school", async () => {
    const erased = expectStatus(await harness.post('/v1/referrals', aReferralBody(), 'SCHOOL', SCHOOL_A), 201).body;
    expectStatus(await harness.post(`/v1/children/${erased.childId}/erasure`, { reason: 'Erasure request' }, 'ADMIN'), 201);
    for (const [role, org, status] of [
      ['FRONT_DOOR', LA, 410],
      ['SCHOOL', SCHOOL_A, 404],
    ] as const) {
      const single = await harness.get(`/v1/referrals/${erased.referralId}`, role, org);
      const response = await history(role, org, erased.referralId);
      expect([single.status, response.status]).toEqual([status, status]);
      expect(response.body).toEqual(single.body);
    }
  });
});
