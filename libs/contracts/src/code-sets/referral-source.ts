import { codesOf, isCodeIn, type CodeSet } from './code-set';

/** CIN census ReferralSource (referralsourcetype in CIN_schema_2025-26.xsd). */
export const REFERRAL_SOURCES = {
  '1A': 'Individual: family member, relative or carer',
  '1B': 'Individual: acquaintance (including neighbours and child minders)',
  '1C': 'Individual: self',
  '1D': 'Individual: other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health services: GP',
  '3B': 'Health services: health visitor',
  '3C': 'Health services: school nurse',
  '3D': 'Health services: other primary health services',
  '3E': 'Health services: A&E (emergency department)',
  '3F': 'Health services: other',
  '4': 'Housing',
  '5A': 'LA services: social care (e.g. adult social care)',
  '5B': 'LA services: other internal',
  '5C': 'LA services: external (e.g. from another LA)',
  '5D': 'LA services: early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
} as const satisfies CodeSet<string>;
export type ReferralSource = keyof typeof REFERRAL_SOURCES;
export const REFERRAL_SOURCE_CODES = codesOf(REFERRAL_SOURCES);
export const isReferralSource = isCodeIn(REFERRAL_SOURCES);
