import {
  PRIMARY_NEEDS,
  REASONS_FOR_CLOSURE,
  type AbuseCategory,
  type Disability,
  type Ethnicity,
  type PrimaryNeed,
  type ReasonForClosure,
  type ReferralSource,
  type Sex,
} from '@csc/contracts';

/**
 * Cell values in the words of Ofsted's Annex A template, whose drop-downs prefix each choice with a
 * letter ("a) Male", "e) 2A: Schools"): inspectors' and councils' tools read those strings, so a code
 * alone would not match. A code the template has no entry for is written as it was recorded.
 */

export const YES = 'a) Yes';
export const NO = 'b) No';
export const UNKNOWN = 'c) Unknown';

export const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? YES : NO);

const GENDERS: Record<Sex, string> = { M: 'a) Male', F: 'b) Female', U: 'c) Not stated/recorded' };

/** Never recorded is what "not stated/recorded" means. */
export const genderValue = (sex: Sex | null): string => GENDERS[sex ?? 'U'];

// The template's order, which is the census's: the letter is the position.
const ETHNICITY_ORDER: Ethnicity[] = [
  'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND',
  'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT',
]; // prettier-ignore

const letter = (index: number): string => String.fromCharCode('a'.charCodeAt(0) + index);

/** Null stays empty: NOBT would claim someone asked. */
export const ethnicityValue = (ethnicity: Ethnicity | null): string | null =>
  ethnicity === null ? null : `${letter(ETHNICITY_ORDER.indexOf(ethnicity))}) ${ethnicity}`;

/** Null: never recorded, so unknown, which the template leaves to an empty cell rather than to a guess. */
export const disabilityValue = (disabilities: Disability[] | null): string | null => {
  if (disabilities === null) return null;
  return disabilities.some((disability) => disability !== 'NONE') ? YES : NO;
};

// Ofsted groups the census's sources under a few names; 5D came later and took "p1".
const SOURCES: Record<ReferralSource, [string, string]> = {
  '1A': ['a', 'Individual'],
  '1B': ['b', 'Individual'],
  '1C': ['c', 'Individual'],
  '1D': ['d', 'Individual'],
  '2A': ['e', 'Schools'],
  '2B': ['f', 'Education services'],
  '3A': ['g', 'Health services'],
  '3B': ['h', 'Health services'],
  '3C': ['i', 'Health services'],
  '3D': ['j', 'Health services'],
  '3E': ['k', 'Health services'],
  '3F': ['l', 'Health services'],
  '4': ['m', 'Housing'],
  '5A': ['n', 'LA services'],
  '5B': ['o', 'LA services'],
  '5C': ['p', 'LA services'],
  '5D': ['p1', 'LA services'],
  '6': ['q', 'Police'],
  '7': ['r', 'Other legal agency'],
  '8': ['s', 'Other'],
  '9': ['t', 'Anonymous'],
  '10': ['u', 'Unknown'],
};

export const sourceValue = (source: ReferralSource): string => {
  const [key, group] = SOURCES[source];
  return `${key}) ${source}: ${group}`;
};

export const primaryNeedValue = (need: PrimaryNeed): string => `${need} - ${PRIMARY_NEEDS[need]}`;

export const reasonForClosureValue = (reason: ReasonForClosure): string => `${reason} - ${REASONS_FOR_CLOSURE[reason]}`;

const CATEGORIES: Record<AbuseCategory, string> = {
  NEG: 'a) Neglect',
  PHY: 'b) Physical abuse',
  SAB: 'c) Sexual abuse',
  EMO: 'd) Emotional abuse',
  MUL: 'e) Multiple/not recommended',
};

export const categoryValue = (category: AbuseCategory): string => CATEGORIES[category];

// SSDA903 legal status codes, in the template's short words.
const LEGAL_STATUSES: Record<string, string> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20',
  V3: 'Short breaks, episodes recorded',
  V4: 'Short breaks, agreement recorded',
  L1: 'Police protection and in LA accommodation',
  L2: 'Emergency protection order',
  L3: 'Child assessment order and in LA accommodation',
  J1: 'Remanded to LA accommodation or youth detention accommodation',
  J2: 'Placed in LA accommodation under PACE',
  J3: 'Youth rehabilitation order with residence or intensive fostering requirement',
};

export const legalStatusValue = (code: string): string => (Object.hasOwn(LEGAL_STATUSES, code) ? `${code}: ${LEGAL_STATUSES[code]}` : code);

// SSDA903 reasons an episode ceased, lettered as the template lists them.
const REASONS_CEASED: Record<string, [string, string]> = {
  E11: ['a', 'Adopted - application unopposed'],
  E12: ['b', 'Adopted - consent dispensed'],
  E2: ['c', 'Died'],
  E3: ['d', 'Care taken by another LA'],
  E4A: ['e', 'Returned home to live with parents or relatives - part of planning'],
  E4B: ['f', 'Returned home to live with parents or relatives - not part of planning'],
  E13: ['g', 'Left care to live with parents, relatives or other person with no parental responsibility'],
  E41: ['h', 'Residence order (or, from 22 April 2014, a child arrangement order) granted'],
  E45: ['i', 'Special guardianship order made to former foster carers who were relatives or friends'],
  E46: ['j', 'Special guardianship order made to former foster carers, other'],
  E47: ['k', 'Special guardianship order made to carers, relatives or friends'],
  E48: ['l', 'Special guardianship order made to carers, other'],
  E5: ['m', 'Moved into independent living with supportive accommodation'],
  E6: ['n', 'Moved into independent living without formal support'],
  E7: ['o', 'Transferred to residential care funded by adult social care'],
  E9: ['p', 'Sentenced to custody'],
  E14: ['q', 'Accommodation on remand ended'],
  E15: ['r', 'Age assessment determined child aged 18 or over'],
  E16: ['s', 'Child moved abroad'],
  E8: ['t', 'Period of being looked after ceased for any other reason'],
  E17: ['v', 'Aged 18 or over and remained with current carers'],
};

export const reasonCeasedValue = (code: string): string => {
  if (!Object.hasOwn(REASONS_CEASED, code)) return code;
  const [key, meaning] = REASONS_CEASED[code];
  return `${key}) ${code}: ${meaning}`;
};
