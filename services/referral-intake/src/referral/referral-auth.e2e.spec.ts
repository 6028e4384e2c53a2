import { ROLES, type Role } from '@csc/contracts';
import { aReferralBody, expectStatus, LA, ReferralIntakeHarness, SCHOOL_A, SCHOOL_C } from '../../test/referral-intake.harness';

type Caller = Role | 'SCHOOL_OTHER' | 'NO_TOKEN';
const CALLERS: Caller[] = [...ROLES, 'SCHOOL_OTHER', 'NO_TOKEN'];

interface Endpoint {
  name: string;
  /** Puts the referral in the state the call needs (made by school A), and makes the call. */
  call: (harness: ReferralIntakeHarness, caller: Caller) => Promise<{ status: number }>;
  expected: Record<Caller, number>;
}

const DENIED = { SOCIAL_WORKER: 403, EARLY_HELP: 403, ANALYST: 403, ADMIN: 403, NO_TOKEN: 401 };

/** The role-by-endpoint matrix for referral-intake (docs/http-api.md): "SCHOOL" is the referring school A, "SCHOOL_OTHER" is school C. */
const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /v1/referrals',
    call: (harness, caller) => send(harness, caller, 'post', '/v1/referrals', aReferralBody()),
    expected: { ...DENIED, FRONT_DOOR: 201, SCHOOL: 201, SCHOOL_OTHER: 403 },
  },
  {
    name: 'GET /v1/referrals/{id}',
    call: async (harness, caller) => send(harness, caller, 'get', `/v1/referrals/${(await referral(harness)).referralId}`),
    expected: { ...DENIED, FRONT_DOOR: 200, SOCIAL_WORKER: 200, EARLY_HELP: 200, SCHOOL: 200, SCHOOL_OTHER: 404 },
  },
  {
    name: 'GET /v1/children/{childId}/referrals',
    call: async (harness, caller) => send(harness, caller, 'get', `/v1/children/${(await referral(harness)).childId}/referrals`),
    expected: { ...DENIED, FRONT_DOOR: 200, SOCIAL_WORKER: 200, EARLY_HELP: 200, SCHOOL: 200, SCHOOL_OTHER: 404 },
  },
  {
    name: 'POST /v1/referrals/{id}/information-requests',
    call: async (harness, caller) =>
      send(harness, caller, 'post', `/v1/referrals/${(await referral(harness)).referralId}/information-requests`, {
        question: 'Who lives at home?',
      }),
    expected: { ...DENIED, FRONT_DOOR: 201, SCHOOL: 403, SCHOOL_OTHER: 403 },
  },
  {
    name: 'POST /v1/referrals/{id}/information',
    call: async (harness, caller) => {
      const { referralId } = await referral(harness);
      expectStatus(
        await harness.post(`/v1/referrals/${referralId}/information-requests`, { question: 'Who lives at home?' }, 'FRONT_DOOR'),
        201,
      );
      return send(harness, caller, 'post', `/v1/referrals/${referralId}/information`, { answer: 'Mum and Nan.' });
    },
    expected: { ...DENIED, FRONT_DOOR: 200, SCHOOL: 200, SCHOOL_OTHER: 404 },
  },
  {
    name: 'POST /v1/referrals/{id}/decision',
    call: async (harness, caller) =>
      send(harness, caller, 'post', `/v1/referrals/${(await referral(harness)).referralId}/decision`, {
        outcome: 'SIGNPOSTED',
        rationale: 'Universal services can help.',
      }),
    expected: { ...DENIED, FRONT_DOOR: 200, SCHOOL: 403, SCHOOL_OTHER: 403 },
  },
];

const referral = async (harness: ReferralIntakeHarness) =>
  expectStatus(await harness.post('/v1/referrals', aReferralBody(), 'SCHOOL', SCHOOL_A), 201).body;

const send = async (harness: ReferralIntakeHarness, caller: Caller, method: 'get' | 'post', path: string, body?: unknown) => {
  let call = harness.http()[method](path);
  if (caller !== 'NO_TOKEN') {
    const role: Role = caller === 'SCHOOL_OTHER' ? 'SCHOOL' : caller;
    const org = caller === 'SCHOOL' ? SCHOOL_A : caller === 'SCHOOL_OTHER' ? SCHOOL_C : LA;
    call = call.set('Authorization', `Bearer ${await harness.tokenFor(role, org)}`);
  }
  return body === undefined ? call : call.send(body as object);
};

describe('who may call what in referral-intake', () => {
  let harness: ReferralIntakeHarness;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('referral_auth');
  });
  afterAll(() => harness?.stop());

  const cases = ENDPOINTS.flatMap((endpoint) =>
    CALLERS.map((caller) => [endpoint.name, caller, endpoint.expected[caller], endpoint] as const),
  );

  it.each(cases)('%s as %s: %i', async (_name, caller, expected, endpoint) => {
    const response = await endpoint.call(harness, caller);
    expect(response.status).toBe(expected);
  });
});
