import { upnCheckLetter } from '@csc/domain';
import { eventually } from '@csc/testing';
import { aReferralBody, expectStatus, ReferralIntakeHarness } from '../../../test/referral-intake.harness';

const GOOD_UPN = `${upnCheckLetter('201300012001')}201300012001`;
const BAD_UPN = `${GOOD_UPN[0] === 'A' ? 'B' : 'A'}201300012001`;
const withChild = (child: Record<string, unknown>) => aReferralBody({ child });
const without = (path: 'child.dateOfBirth' | 'child') => {
  const body = aReferralBody() as Record<string, unknown> & { child?: Record<string, unknown> };
  if (path === 'child') delete body.child;
  else delete body.child?.dateOfBirth;
  return body;
};

// Each invalid body, and the first words of the message that must name its field and rule.
const BAD_BODIES: [string, unknown, number, string][] = [
  [
    'an NHS number failing modulus 11',
    withChild({ nhsNumber: '9434765918' }),
    400,
    'child.nhsNumber: must be a 10-digit NHS number that passes the modulus 11 check',
  ],
  [
    'a UPN with the wrong check letter',
    withChild({ upn: BAD_UPN }),
    400,
    'child.upn: must be a 13-character UPN with a correct check letter',
  ],
  ['a date of birth in the future', withChild({ dateOfBirth: '2099-01-01' }), 400, 'child.dateOfBirth: must not be in the future'],
  [
    'a date of birth that is not a day',
    withChild({ dateOfBirth: '2014-02-30' }),
    400,
    'child.dateOfBirth: must be a real date as YYYY-MM-DD',
  ],
  [
    'both a date of birth and an expected date',
    withChild({ expectedDateOfBirth: '2026-12-01' }),
    400,
    'child.expectedDateOfBirth: give dateOfBirth or expectedDateOfBirth, not both',
  ],
  ['neither date', without('child.dateOfBirth'), 400, 'child.dateOfBirth: must be a real date as YYYY-MM-DD (or give expectedDateOfBirth'],
  ['an unknown sex code', withChild({ sex: 'X' }), 400, 'child.sex: must be one of the following values: M, F, U'],
  ['a postcode that is not one', withChild({ postcode: 'NOT A POSTCODE' }), 400, 'child.postcode: must be a UK postcode'],
  ['a school URN of the wrong shape', withChild({ schoolUrn: '12' }), 400, "child.schoolUrn: must be a school's six-digit URN"],
  ['an empty given name', withChild({ givenName: '' }), 400, 'child.givenName: should not be empty'],
  ['an unknown field', withChild({ nickname: 'Mimi' }), 400, 'child.nickname: is not a known field'],
  [
    'a referral source outside the census codes',
    aReferralBody({ referrer: { source: '2Z' } }),
    400,
    'referrer.source: must be one of the following values',
  ],
  [
    'a referrer email that is not one',
    aReferralBody({ referrer: { email: 'not-an-email' } }),
    400,
    'referrer.email: must be an email address',
  ],
  [
    'an assessment factor outside the census codes',
    aReferralBody({ concerns: { summary: 'x', factors: ['99Z'] } }),
    400,
    'concerns.factors: each must be a CIN census assessment factor code',
  ],
  [
    'a factor given twice',
    aReferralBody({ concerns: { summary: 'x', factors: ['16A', '16A'] } }),
    400,
    "concerns.factors: All factors's elements must be unique",
  ],
  [
    'too many factors',
    aReferralBody({
      concerns: {
        summary: 'x',
        factors: [
          '1A',
          '1B',
          '1C',
          '2A',
          '2B',
          '2C',
          '3A',
          '3B',
          '3C',
          '4A',
          '4B',
          '4C',
          '5A',
          '5B',
          '5C',
          '6A',
          '6B',
          '6C',
          '7A',
          '9A',
          '10A',
        ],
      },
    }),
    400,
    'concerns.factors: must contain no more than 20 elements',
  ],
  ['an empty summary', aReferralBody({ concerns: { summary: '' } }), 400, 'concerns.summary: should not be empty'],
  [
    'a summary over 4000 characters',
    aReferralBody({ concerns: { summary: 'x'.repeat(4001) } }),
    400,
    'concerns.summary: must be shorter than or equal to 4000 characters',
  ],
  [
    'no consent and no reason it was not needed',
    aReferralBody({ consent: { given: false } }),
    400,
    'consent.notRequiredReason: is required when consent.given is false',
  ],
  [
    'a receivedAt without a time and offset',
    aReferralBody({ receivedAt: '2025-01-03' }),
    400,
    'receivedAt: must be an ISO 8601 instant with an offset',
  ],
  ['a receivedAt in the future', aReferralBody({ receivedAt: '2099-01-03T09:00:00Z' }), 400, 'receivedAt: must not be in the future'],
  ['no child at all', without('child'), 400, 'child: is required: an object'],
  [
    'an ethnicity outside the census codes',
    withChild({ ethnicity: 'WHITE' }),
    400,
    'child.ethnicity: must be one of the following values: WBRI',
  ],
  ['disabilities that are not a list', withChild({ disabilities: 'NONE' }), 400, 'child.disabilities: must be an array'],
  [
    'an empty list of disabilities',
    withChild({ disabilities: [] }),
    400,
    'child.disabilities: must list NONE or the disabilities that apply',
  ],
  [
    'a disability outside the census codes',
    withChild({ disabilities: ['SIGHT'] }),
    400,
    'child.disabilities: each must be a CIN census disability code',
  ],
  [
    'NONE beside a disability',
    withChild({ disabilities: ['NONE', 'MOB'] }),
    422,
    'child.disabilities: NONE (no disability) must be given alone [no-disability-alone] (CIN census rule 8790)',
  ],
  [
    'a disability given twice',
    withChild({ disabilities: ['MOB', 'MOB'] }),
    422,
    'child.disabilities: lists a disability code more than once [each-disability-once] (CIN census rule 8794)',
  ],
  [
    'a UPN-unknown reason outside UN1-UN7',
    withChild({ upnUnknownReason: 'UN8' }),
    400,
    'child.upnUnknownReason: must be one of the following values: UN1',
  ],
  [
    'a UPN and a reason it is unknown',
    withChild({ upn: GOOD_UPN, upnUnknownReason: 'UN3' }),
    400,
    'child.upnUnknownReason: give upn or upnUnknownReason, not both',
  ],
  [
    'a former UPN with the wrong check letter',
    withChild({ formerUpn: BAD_UPN }),
    400,
    'child.formerUpn: must be a 13-character UPN with a correct check letter (CIN rule 1560Q)',
  ],
  [
    'a child born after the referral it is about',
    aReferralBody({ receivedAt: '2020-01-03T09:00:00Z', child: { dateOfBirth: '2021-05-05' } }),
    422,
    'child.dateOfBirth: cannot be after the referral date; for an unborn child give expectedDateOfBirth [born-by-referral] (CIN census rule 8520)',
  ],
  [
    'an unborn child due more than 40 weeks after the referral',
    aReferralBody({ receivedAt: '2025-01-03T09:00:00Z', child: { dateOfBirth: undefined, expectedDateOfBirth: '2025-12-01' } }),
    422,
    'child.expectedDateOfBirth: is more than 40 weeks after the referral [within-40-weeks] (CIN census rule 8606)',
  ],
  [
    'an unborn child whose expected date has passed',
    aReferralBody({ receivedAt: '2025-01-03T09:00:00Z', child: { dateOfBirth: undefined, expectedDateOfBirth: '2024-12-01' } }),
    422,
    'child.expectedDateOfBirth: is before the referral date: the child is born, give dateOfBirth [unborn-at-referral]',
  ],
];

describe('POST /v1/referrals with bad input', () => {
  let harness: ReferralIntakeHarness;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('referral_validation');
  });
  afterAll(() => harness?.stop());

  it.each(BAD_BODIES)('refuses %s, naming the field', async (_case, body, status, message) => {
    const response = expectStatus(await harness.post('/v1/referrals', body, 'FRONT_DOOR'), status);
    expect(response.body.statusCode).toBe(status);
    expect(response.body.message).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  it('accepts an unborn child with an expected date, and a valid UPN', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const dueIn100Days = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    expectStatus(
      await harness.post(
        '/v1/referrals',
        withChild({ dateOfBirth: undefined, expectedDateOfBirth: dueIn100Days, givenName: 'Baby' }),
        'FRONT_DOOR',
      ),
      201,
    );
    expectStatus(await harness.post('/v1/referrals', withChild({ upn: GOOD_UPN, dateOfBirth: today }), 'FRONT_DOOR'), 201);
  });

  it('wrote nothing for any refused body: only the accepted referrals are in the store and on the topic', async () => {
    const [{ streams }] = await harness.database.dataSource.query(`SELECT count(DISTINCT stream_id)::int AS streams FROM events`);
    expect(streams).toBe(2);
    expect(await harness.database.dataSource.query(`SELECT count(*)::int AS n FROM child_identities`)).toEqual([{ n: 2 }]);
    await eventually(() => expect(harness.probe.on(harness.topic)).toHaveLength(4));
    const referralIds = new Set(harness.probe.on(harness.topic).map((message) => JSON.parse(message.value!).data.referralId));
    expect(referralIds.size).toBe(2);
  });
});
