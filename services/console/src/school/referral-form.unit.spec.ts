import { idempotencyKeyOf, schoolReferralBody } from './referral-form';

const school = { sub: 'local-school', role: 'SCHOOL' as const, org: '100001' };

describe("a school's referral form", () => {
  it('refers as the school itself (source 2A, its URN), leaving out optional fields left empty', () => {
    const body = schoolReferralBody(
      {
        givenName: ' Amelia ',
        familyName: 'Example',
        sex: 'F',
        nhsNumber: '',
        postcode: 'FY1 4QS',
        concerns: 'Worried.',
        consentGiven: 'yes',
        consentNotRequiredReason: 'ignored when consent was given',
        referrerName: 'Sam Example',
        referrerRole: 'DSL',
        referrerEmail: '',
      },
      school,
      '2014-06-01',
    );
    expect(body).toEqual({
      referrer: { source: '2A', organisationId: '100001', name: 'Sam Example', role: 'DSL' },
      child: { givenName: 'Amelia', familyName: 'Example', dateOfBirth: '2014-06-01', sex: 'F', postcode: 'FY1 4QS', schoolUrn: '100001' },
      concerns: { summary: 'Worried.' },
      consent: { given: true },
    });
  });

  it('sends required fields empty and consent unanswered as missing, for the API to name', () => {
    const body = schoolReferralBody({}, school, '');
    expect(body.child).toEqual({ givenName: '', familyName: '', dateOfBirth: '', sex: '', schoolUrn: '100001' });
    expect(body.consent).toEqual({});
    expect(schoolReferralBody({ consentGiven: 'no', consentNotRequiredReason: 'Risk of harm' }, school, '2015-02-01').consent).toEqual({
      given: false,
      notRequiredReason: 'Risk of harm',
    });
  });

  it('keeps the key the form was rendered with, so a second press of the button is the same request', () => {
    const key = '6f1c1a52-2f7e-4c4b-9d55-0b8a3a1f0c11';
    expect(idempotencyKeyOf({ idempotencyKey: key })).toBe(key);
    expect(idempotencyKeyOf({ idempotencyKey: 'not-a-key' })).toMatch(/^[0-9a-f-]{36}$/);
  });
});
