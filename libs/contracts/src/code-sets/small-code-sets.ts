import { codesOf, isCodeIn, type CodeSet } from './code-set';

/** Category of abuse for child protection plans (categoryofabuse). Never told to a school. */
export const ABUSE_CATEGORIES = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple',
} as const satisfies CodeSet<string>;
export type AbuseCategory = keyof typeof ABUSE_CATEGORIES;
export const ABUSE_CATEGORY_CODES = codesOf(ABUSE_CATEGORIES);
export const isAbuseCategory = isCodeIn(ABUSE_CATEGORIES);

/** Sex as docs/http-api.md carries it (the census's gendertype 1/2/0-9 maps to M/F/U). */
export const SEXES = { M: 'Male', F: 'Female', U: 'Unknown or not recorded' } as const satisfies CodeSet<string>;
export type Sex = keyof typeof SEXES;
export const SEX_CODES = codesOf(SEXES);
export const isSex = isCodeIn(SEXES);

/** Why a child has no UPN (unknownupntype). */
export const UPN_UNKNOWN_REASONS = {
  UN1: 'Child is now over compulsory school age',
  UN2: 'Pupil has never attended school in England or Wales',
  UN3: 'Child is educated at home',
  UN4: 'Child is not in education or has been attending an independent school',
  UN5: 'Sources collating UPNs reflect incomplete or missing data',
  UN6: 'Child is under 6 years old and is not yet attending school',
  UN7: 'Referral with no further action',
} as const satisfies CodeSet<string>;
export type UpnUnknownReason = keyof typeof UPN_UNKNOWN_REASONS;
export const isUpnUnknownReason = isCodeIn(UPN_UNKNOWN_REASONS);
