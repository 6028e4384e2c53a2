import type { AbuseCategory, PrimaryNeed, ReferralOutcome, ReferralSource } from '@csc/contracts';
import type { Weighted } from './seeded-random';

/**
 * The shares the generator draws from, set so that a generated year looks like England's
 * (DOMAIN.md "National figures"); history-summary.ts measures what came out.
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
  section47WithoutIcpcClosedNoFurtherAction: 0.5,
  assessedNoFurtherAction: 0.35,
  assessedStepDown: 0.1,
  assessmentWithin45WorkingDays: 0.85,
  icpcWithin15WorkingDays: 0.8,
  lookedAfterOnPlan: 0.06,
  childInNeedPlanAfterProtection: 0.5,
  childInNeedPlan: 0.75,
  closedToEarlyHelp: 0.12,
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
