import type { Role } from '@csc/contracts';
import { aReferralBody, expectStatus, ReferralIntakeHarness } from '../../../test/referral-intake.harness';

describe('the front door finds a child it may already know (GET /v1/children)', () => {
  let harness: ReferralIntakeHarness;

  beforeAll(async () => {
    harness = await ReferralIntakeHarness.start('find_children');
  });
  afterAll(() => harness?.stop());

  const receive = async (body: ReturnType<typeof aReferralBody>): Promise<{ referralId: string; childId: string }> =>
    expectStatus(await harness.post('/v1/referrals', body, 'FRONT_DOOR'), 201).body;
  const find = (query: string, role: Role = 'FRONT_DOOR') => harness.get(`/v1/children?${query}`, role);
  const found = async (query: string) => expectStatus(await find(query), 200).body.items as { childId: string; matchedOn: string[] }[];

  it('finds a child by NHS number, UPN, or family name with date of birth, saying which matched', async () => {
    const amelia = aReferralBody({ child: { familyName: 'Smith-Jonesfind', nhsNumber: '943 476 5919', dateOfBirth: '2014-06-01' } });
    const first = await receive(amelia);
    // A second referral with no NHS number, matched by name, date of birth and district, now with a UPN.
    const { nhsNumber: _none, ...withoutNhs } = amelia.child as Record<string, unknown>;
    const second = await receive(aReferralBody({ child: { ...withoutNhs, upn: 'N201300012004' } }));
    expect(second.childId).toBe(first.childId);
    // Same family name, another birthday: another child, never a candidate for Amelia's date of birth.
    const cousin = await receive(
      aReferralBody({ child: { familyName: 'Smith-Jonesfind', givenName: 'Oscar', dateOfBirth: '2016-02-10', sex: 'M' } }),
    );

    expect(await found('nhsNumber=9434765919')).toEqual([
      {
        childId: first.childId,
        matchedOn: ['NHS_NUMBER'],
        child: { givenName: 'Amelia', familyName: 'Smith-Jonesfind', dateOfBirth: '2014-06-01', unborn: false, sex: 'F' },
        referralCount: 2,
        lastReferredAt: expect.any(String),
      },
    ]);
    expect(await found('upn=N201300012004')).toEqual([expect.objectContaining({ childId: first.childId, matchedOn: ['UPN'] })]);
    // The name is compared as the index compares it: parts in any order, case ignored.
    expect(await found('familyName=jonesfind%20SMITH&dateOfBirth=2014-06-01')).toEqual([
      expect.objectContaining({ childId: first.childId, matchedOn: ['FAMILY_NAME_AND_DATE_OF_BIRTH'] }),
    ]);
    expect(await found('nhsNumber=9434765919&familyName=Smith-Jonesfind&dateOfBirth=2014-06-01')).toEqual([
      expect.objectContaining({ childId: first.childId, matchedOn: ['NHS_NUMBER', 'FAMILY_NAME_AND_DATE_OF_BIRTH'] }),
    ]);
    expect(await found('familyName=Smith-Jonesfind&dateOfBirth=2016-02-10')).toEqual([
      expect.objectContaining({ childId: cousin.childId, matchedOn: ['FAMILY_NAME_AND_DATE_OF_BIRTH'] }),
    ]);
    expect(await found('nhsNumber=4010232137')).toEqual([]);
    expect(await found('familyName=Smith-Jonesfind&dateOfBirth=2014-06-02')).toEqual([]);

    const audited: { child_id: string; resource_kind: string }[] = await harness.database.dataSource.query(
      `SELECT child_id, resource_kind FROM audit_log WHERE route = '/v1/children' AND outcome = 200 AND child_id IS NOT NULL`,
    );
    expect(audited).toEqual(expect.arrayContaining([{ child_id: first.childId, resource_kind: 'child' }]));
  });

  it.each([
    ['', /^nhsNumber: give nhsNumber, upn, or familyName with dateOfBirth$/],
    ['nhsNumber=9434765918', /^nhsNumber: must be a 10-digit NHS number/],
    ['upn=N201300012005', /^upn: must be a 13-character UPN/],
    ['familyName=Smith', /^familyName: is searched only together with dateOfBirth$/],
    ['dateOfBirth=2014-06-01', /^dateOfBirth: is searched only together with familyName$/],
    ['familyName=Smith&dateOfBirth=2014-02-30', /^dateOfBirth: must be a real date as YYYY-MM-DD$/],
    ['nhsNumber=9434765919&postcode=FY1', /^postcode: is not a known field$/],
  ])('refuses "%s" with a 400 naming the field', async (query, message) => {
    const refused = expectStatus(await find(query), 400);
    expect(refused.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [expect.stringMatching(message)] });
  });

  it('is for the front door only', async () => {
    for (const role of ['SCHOOL', 'SOCIAL_WORKER', 'EARLY_HELP', 'ANALYST', 'ADMIN'] as const)
      expectStatus(await find('nhsNumber=9434765919', role), 403);
  });
});
