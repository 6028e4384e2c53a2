import { codesOf, isCodeIn, type CodeSet } from './code-set';

/** The ten Supporting Families headline outcomes; the outcomes ladder scores each 1-10. */
export const OUTCOME_AREAS = {
  GOOD_EDUCATION: 'Getting a good education',
  GOOD_EARLY_YEARS_DEVELOPMENT: 'Good early years development',
  MENTAL_AND_PHYSICAL_HEALTH: 'Improved mental and physical health',
  SUBSTANCE_USE: 'Promoting recovery and reducing harm from substance use',
  FAMILY_RELATIONSHIPS: 'Improved family relationships',
  SAFE_FROM_ABUSE_AND_EXPLOITATION: 'Children safe from abuse and exploitation',
  CRIME_PREVENTION: 'Crime prevention and tackling crime',
  SAFE_FROM_DOMESTIC_ABUSE: 'Safe from domestic abuse',
  SECURE_HOUSING: 'Secure housing',
  FINANCIAL_STABILITY: 'Financial stability',
} as const satisfies CodeSet<string>;
export type OutcomeArea = keyof typeof OUTCOME_AREAS;
export const OUTCOME_AREA_CODES = codesOf(OUTCOME_AREAS);
export const isOutcomeArea = isCodeIn(OUTCOME_AREAS);
export const LADDER_MIN = 1;
export const LADDER_MAX = 10;
