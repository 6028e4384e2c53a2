/**
 * Which schools may hear about a child, from the referrals' coarse facts (docs/domain.md: a school is
 * told about a child only when it made the referral or the child is on its roll). A school that
 * referred hears about its own referral always, and about the child's case from then on. The
 * school on the child's roll at the latest referral hears only with a lawful basis to share: the
 * family's consent as the referral recorded it. Nothing here is personal data.
 */
export interface ReferralFacts {
  referralId: string;
  /** CIN census source code: 2A is a school. */
  source: string;
  referrerOrganisationId: string | null;
  /** The school on the child's record when the referral was made. */
  schoolUrn: string | null;
  consentGiven: boolean;
  receivedAt: string;
}

const referringSchoolOf = (referral: ReferralFacts): string | null =>
  referral.source === '2A' && referral.referrerOrganisationId ? referral.referrerOrganisationId : null;

/** The school that made this referral, if a school made it. */
export const theReferringSchool = (referral: ReferralFacts | undefined): string[] => {
  const school = referral && referringSchoolOf(referral);
  return school ? [school] : [];
};

/** Every school entitled to hear about the child, each once, in URN order. */
export const entitledSchools = (referrals: ReferralFacts[]): string[] => {
  const schools = new Set<string>();
  for (const referral of referrals) {
    const referrer = referringSchoolOf(referral);
    if (referrer) schools.add(referrer);
  }
  const latest = [...referrals].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).at(-1);
  if (latest?.schoolUrn && latest.consentGiven) schools.add(latest.schoolUrn);
  return [...schools].sort();
};
