import type { ChildMatchedV1, ReferralReceivedV2 } from '@csc/contracts';

/** Test data builders (no real people: names and numbers are made up; NHS numbers from the test ranges). */
export const aReceivedReferral = (overrides: Partial<ReferralReceivedV2> = {}): ReferralReceivedV2 => ({
  referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  receivedAt: '2025-01-03T10:00:00.000Z',
  source: '2A',
  referrerOrganisationId: '100001',
  child: { ageAtReferral: 10, unborn: false, sex: 'F', schoolUrn: '100001' },
  factors: ['16A'],
  consent: { given: true },
  steppedUpFromEarlyHelpEpisodeId: null,
  subject: {
    child: { givenName: 'Amelia', familyName: 'Testchild', dateOfBirth: '2014-06-01', postcode: 'FY1 4QS' },
    characteristics: { ethnicity: 'WBRI', disabilities: ['NONE'] },
    referrer: { name: 'Designated Safeguarding Lead', role: 'DSL' },
    concernsSummary: 'Attendance has dropped and she has disclosed worries at home.',
  },
  ...overrides,
});

export const aNewChildMatch = (referral: ReferralReceivedV2 = aReceivedReferral()): ChildMatchedV1 => ({
  referralId: referral.referralId,
  childId: referral.childId,
  rule: 'NEW_CHILD',
  matchedExistingChild: false,
  matchedReferralId: null,
  givenNameComparison: null,
  nearMissChildIds: [],
});
