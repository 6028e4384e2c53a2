import type { AbuseCategory, Disability, Ethnicity, PrimaryNeed, ReferralOutcome, ReferralSource } from '@csc/contracts';
import type { Weighted } from './seeded-random';

/**
 * The shares the generator draws from, set so that a generated year looks like England's
 * (docs/domain.md "National figures"); history-summary.ts measures what came out.
 */

/** Police about 29%, schools 20%, health 15%, LA services 10%, individuals 8%, other and unknown the rest. */
export const REFERRAL_SOURCE_MIX: Weighted<ReferralSource>[] = [
  { value: '6', weight: 29 },
  { value: '2A', weight: 21 },
  { value: '3A', weight: 3 },
  { value: '3B', weight: 2 },
  { value: '3C', weight: 1 },
  { value: '3D', weight: 2 },
  { value: '3E', weight: 4 },
  { value: '3F', weight: 3 },
  // 5D comes from early help stepping families up (about 1% of referrals), not from this table.
  { value: '5A', weight: 4 },
  { value: '5B', weight: 3.5 },
  { value: '5C', weight: 1.5 },
  { value: '1A', weight: 4 },
  { value: '1B', weight: 1.5 },
  { value: '1C', weight: 1.5 },
  { value: '1D', weight: 1 },
  { value: '2B', weight: 1 },
  { value: '4', weight: 2 },
  { value: '7', weight: 3 },
  { value: '8', weight: 6 },
  { value: '9', weight: 1.5 },
  { value: '10', weight: 3.5 },
];

export type SourceGroup = 'POLICE' | 'SCHOOLS' | 'HEALTH' | 'LA_SERVICES' | 'INDIVIDUALS' | 'OTHER';

/** The groups the national figures quote (2B, education services, counts as other, as it is not a school). */
export const sourceGroupOf = (source: string): SourceGroup => {
  if (source === '6') return 'POLICE';
  if (source === '2A') return 'SCHOOLS';
  if (source.startsWith('3')) return 'HEALTH';
  if (source.startsWith('5')) return 'LA_SERVICES';
  if (/^1[A-D]$/.test(source)) return 'INDIVIDUALS';
  return 'OTHER';
};

/**
 * How the front door decides a referral when the child has no open case. CIN referrals are the
 * accepted and the NFA ones; NFA is about 7% of them (4.1 / 58.6). Schools' referrals are more often
 * met with early help or advice (what Better Together's appropriateness measure looks for).
 */
const DECISIONS: Weighted<ReferralOutcome>[] = [
  { value: 'ACCEPTED_FOR_ASSESSMENT', weight: 54.5 },
  { value: 'NFA', weight: 4.1 },
  { value: 'STEP_DOWN_TO_EARLY_HELP', weight: 14 },
  { value: 'SIGNPOSTED', weight: 10.4 },
  { value: 'ADVICE_AND_INFORMATION', weight: 17 },
];
const SCHOOL_DECISIONS: Weighted<ReferralOutcome>[] = [
  { value: 'ACCEPTED_FOR_ASSESSMENT', weight: 52 },
  { value: 'NFA', weight: 3.9 },
  { value: 'STEP_DOWN_TO_EARLY_HELP', weight: 19 },
  { value: 'SIGNPOSTED', weight: 9 },
  { value: 'ADVICE_AND_INFORMATION', weight: 16.1 },
];
const STEP_UP_DECISIONS: Weighted<ReferralOutcome>[] = [
  { value: 'ACCEPTED_FOR_ASSESSMENT', weight: 85 },
  { value: 'NFA', weight: 5 },
  { value: 'ADVICE_AND_INFORMATION', weight: 10 },
];

export const decisionMixFor = (source: ReferralSource): Weighted<ReferralOutcome>[] =>
  source === '2A' ? SCHOOL_DECISIONS : source === '5D' ? STEP_UP_DECISIONS : DECISIONS;

/** Roughly the national split of primary need at referral (abuse or neglect dominates). */
export const PRIMARY_NEED_MIX: Weighted<PrimaryNeed>[] = [
  { value: 'N1', weight: 57 },
  { value: 'N2', weight: 3 },
  { value: 'N3', weight: 3 },
  { value: 'N4', weight: 13 },
  { value: 'N5', weight: 13 },
  { value: 'N6', weight: 2 },
  { value: 'N7', weight: 1 },
  { value: 'N8', weight: 4 },
  { value: 'N9', weight: 3 },
  { value: 'N0', weight: 1 },
];

export const ABUSE_CATEGORY_MIX: Weighted<AbuseCategory>[] = [
  { value: 'NEG', weight: 50 },
  { value: 'EMO', weight: 36 },
  { value: 'PHY', weight: 6 },
  { value: 'SAB', weight: 4 },
  { value: 'MUL', weight: 4 },
];

/** Factors seen at assessment, most common first; 21 (none identified) is used alone. */
export const ASSESSMENT_FACTOR_MIX: Weighted<string>[] = [
  { value: '3B', weight: 30 },
  { value: '4B', weight: 25 },
  { value: '3A', weight: 20 },
  { value: '17A', weight: 16 },
  { value: '16A', weight: 12 },
  { value: '1B', weight: 10 },
  { value: '2B', weight: 10 },
  { value: '4A', weight: 9 },
  { value: '18C', weight: 6 },
  { value: '15A', weight: 4 },
  { value: '10A', weight: 4 },
  { value: '24A', weight: 3 },
  { value: '11A', weight: 3 },
  { value: '14A', weight: 3 },
  { value: '5A', weight: 2 },
  { value: '6A', weight: 2 },
  { value: '7A', weight: 1 },
  { value: '20', weight: 4 },
];

/**
 * Shares along a case (per accepted referral unless said otherwise): Section 47 enquiries are about
 * 36% of CIN referrals nationally, a third of them lead to an ICPC, most ICPCs to a plan. Assessments
 * within 45 working days about 86%; ICPCs within 15 working days of the strategy discussion about 80%;
 * assessed not in need (closed RC8) about 30% of completed assessments.
 */
export const CASE_SHARES = {
  section47: 0.36,
  icpcAfterSection47: 0.33,
  planAtIcpc: 0.88,
  /** Closed RC7 soon after: after an enquiry the census has no RC8 (2990). */
  section47WithoutIcpcClosedNoFurtherAction: 0.5,
  /**
   * Of assessments without a Section 47 enquiry: a case with one cannot close RC8 (census rule 2990),
   * so the national 30% assessed not in need all comes from these.
   */
  assessedNoFurtherAction: 0.48,
  assessedStepDown: 0.1,
  assessmentWithin45WorkingDays: 0.85,
  icpcWithin15WorkingDays: 0.8,
  lookedAfterOnPlan: 0.06,
  childInNeedPlanAfterProtection: 0.5,
  childInNeedPlan: 0.75,
  /** Of cases assessed in need without an enquiry: closed at once to early help (RC9, closed after assessment). */
  closedToEarlyHelpAfterAssessment: 0.1,
} as const;

/** Front door habits: how often it goes back to the referrer, and how often the referrer answers. */
export const FRONT_DOOR_SHARES = {
  informationRequested: 0.12,
  informationRequestedOfSchools: 0.22,
  informationProvided: 0.9,
  secondRequest: 0.15,
  consentGiven: 0.85,
} as const;

/** What happens in an early help episode that the generator does not script (TAS scripts its own). */
export const EARLY_HELP_ENDINGS: Weighted<'GRADUATED' | 'LEFT_WITHOUT_GRADUATING' | 'MOVED_AWAY' | 'STEPPED_UP'>[] = [
  { value: 'GRADUATED', weight: 57 },
  { value: 'LEFT_WITHOUT_GRADUATING', weight: 28 },
  { value: 'MOVED_AWAY', weight: 6 },
  { value: 'STEPPED_UP', weight: 9 },
];

/**
 * Ethnicity of children in need, close to the national CIN census: White British about 62%, other
 * White 8%, Mixed 10%, Asian 8%, Black 7%, Chinese or other 3%, refused or not yet obtained 2%.
 */
export const ETHNICITY_MIX: Weighted<Ethnicity>[] = [
  { value: 'WBRI', weight: 62 },
  { value: 'WIRI', weight: 0.4 },
  { value: 'WIRT', weight: 0.4 },
  { value: 'WOTH', weight: 6.4 },
  { value: 'WROM', weight: 0.8 },
  { value: 'MWBC', weight: 3.2 },
  { value: 'MWBA', weight: 1.2 },
  { value: 'MWAS', weight: 1.6 },
  { value: 'MOTH', weight: 4 },
  { value: 'AIND', weight: 1.3 },
  { value: 'APKN', weight: 3.4 },
  { value: 'ABAN', weight: 1.4 },
  { value: 'AOTH', weight: 1.9 },
  { value: 'BCRB', weight: 1.4 },
  { value: 'BAFR', weight: 4.3 },
  { value: 'BOTH', weight: 1.3 },
  { value: 'CHNE', weight: 0.3 },
  { value: 'OOTH', weight: 2.7 },
  { value: 'REFU', weight: 0.6 },
  { value: 'NOBT', weight: 1.4 },
];

/** Disabilities of the children who have one (learning, communication, behaviour and autism most often). */
export const DISABILITY_MIX: Weighted<Exclude<Disability, 'NONE'>>[] = [
  { value: 'LD', weight: 22 },
  { value: 'COMM', weight: 18 },
  { value: 'BEH', weight: 17 },
  { value: 'AUT', weight: 16 },
  { value: 'DDA', weight: 7 },
  { value: 'MOB', weight: 5 },
  { value: 'PC', weight: 4 },
  { value: 'HEAR', weight: 3 },
  { value: 'VIS', weight: 3 },
  { value: 'INC', weight: 2 },
  { value: 'HAND', weight: 2 },
  { value: 'CON', weight: 1 },
];

/**
 * What a child's census record holds beyond the mixes above: about 13% of children in need have a
 * disability, a third of them more than one (2887Q and 2888Q expect several codes and some children
 * with two or three); nearly every child of school age is at a school in England, and so has a UPN.
 */
export const CHILD_SHARES = {
  disabled: 0.13,
  secondDisability: 0.35,
  thirdDisability: 0.3,
  /** Children recorded as neither male nor female (2886Q questions more than 2%). */
  sexNotRecorded: 0.005,
  /**
   * Over compulsory school age when first known: the UPN from their school years is nearly always
   * found (the census queries UN1 for any child of school age or older: 8770Q).
   */
  upnKnownAfterSchool: 0.97,
  /** Given a second UPN on moving from another authority's schools before the first was found: the first is kept as the former UPN. */
  formerUpn: 0.015,
} as const;

/** Why a child of school age has no UPN, when the child is not at a school in England (UPN-unknown codes). */
export const SCHOOLING_MIX: Weighted<'AT_SCHOOL' | 'UN2' | 'UN3' | 'UN4' | 'UN5'>[] = [
  { value: 'AT_SCHOOL', weight: 95 },
  { value: 'UN3', weight: 2 },
  { value: 'UN4', weight: 1.5 },
  { value: 'UN2', weight: 1 },
  { value: 'UN5', weight: 0.5 },
];
