import { codesOf, isCodeIn, type CodeSet } from './code-set';

/** CIN census Ethnicity (ethnicitytype): the DfE's main ethnic groups, with refused and not yet obtained. */
export const ETHNICITIES = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
} as const satisfies CodeSet<string>;
export type Ethnicity = keyof typeof ETHNICITIES;
export const ETHNICITY_CODES = codesOf(ETHNICITIES);
export const isEthnicity = isCodeIn(ETHNICITIES);

/** CIN census Disability (disabilitytype). NONE stands alone (census rule 8790). */
export const DISABILITIES = {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Diagnosed with autism or Asperger syndrome',
  DDA: 'Other DDA',
} as const satisfies CodeSet<string>;
export type Disability = keyof typeof DISABILITIES;
export const DISABILITY_CODES = codesOf(DISABILITIES);
export const isDisability = isCodeIn(DISABILITIES);
