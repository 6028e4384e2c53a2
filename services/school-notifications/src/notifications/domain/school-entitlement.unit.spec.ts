import { entitledSchools, theReferringSchool, type ReferralFacts } from './school-entitlement';

const referral = (overrides: Partial<ReferralFacts> = {}): ReferralFacts => ({
  referralId: 'r1',
  source: '2A',
  referrerOrganisationId: '100001',
  schoolUrn: '100002',
  consentGiven: true,
  receivedAt: '2025-01-03T09:00:00Z',
  ...overrides,
});

describe('which schools may hear about a child', () => {
  it('the referring school and, with consent, the school on the roll', () => {
    expect(entitledSchools([referral()])).toEqual(['100001', '100002']);
  });

  it('without consent, only the school that referred', () => {
    expect(entitledSchools([referral({ consentGiven: false })])).toEqual(['100001']);
  });

  it('no school when neither referred nor holds the child with consent (a police referral, no consent)', () => {
    expect(entitledSchools([referral({ source: '5A', referrerOrganisationId: 'POLICE', consentGiven: false })])).toEqual([]);
  });

  it('the roll school of the latest referral: a pupil who moved school is told to the new school only', () => {
    const referrals = [
      referral({
        referralId: 'r1',
        source: '5A',
        referrerOrganisationId: 'POLICE',
        schoolUrn: '100002',
        receivedAt: '2025-01-03T09:00:00Z',
      }),
      referral({
        referralId: 'r2',
        source: '5A',
        referrerOrganisationId: 'POLICE',
        schoolUrn: '100009',
        receivedAt: '2025-06-03T09:00:00Z',
      }),
    ];
    expect(entitledSchools(referrals)).toEqual(['100009']);
  });

  it('every school that ever referred the child, once each', () => {
    expect(entitledSchools([referral(), referral({ referralId: 'r2', receivedAt: '2025-02-01T00:00:00Z' })])).toEqual(['100001', '100002']);
  });

  it('for a referral-only notification, the school that made it, if a school made it', () => {
    expect(theReferringSchool(referral())).toEqual(['100001']);
    expect(theReferringSchool(referral({ source: '5A' }))).toEqual([]);
    expect(theReferringSchool(undefined)).toEqual([]);
  });
});
