import { upnCheckLetter } from '@csc/domain';
import type { CensusChild } from '../census-return';
import { childRule, returnRule, type RuleHit } from './census-rule';
import { isUpnLaCode } from './upn-la-codes';

// The XSD takes either case; the DfE's checks are defined on capitals, so compare in capitals.
const upnOf = (child: CensusChild): string | null => (child.upn && child.upn.trim() !== '' ? child.upn.toUpperCase() : null);

// A temporary UPN's last letter is never I, O or S (too easily misread), as no check letter is.
const WELL_FORMED_UPN = /^[A-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/;
const UPN_LAST_CHARACTER = /^[0-9A-HJ-NP-RT-Z]$/;
const UPN_SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;

const hasFurtherAction = (child: CensusChild): boolean => child.episodes.some((episode) => !episode.referralNfa);

const upnHit: RuleHit[] = [{ field: 'UPN' }];

/** Only a UPN whose other characters are right is checked here: a malformed one is for 1540 and 1550 to report. */
export const upnCheckLetter_1510 = childRule(
  { code: '1510', severity: 'ERROR', text: 'UPN invalid (wrong check letter at character 1)' },
  (child) => {
    const upn = upnOf(child);
    if (!upn || !WELL_FORMED_UPN.test(upn)) return [];
    return upnCheckLetter(upn.slice(1)) === upn[0] ? [] : upnHit;
  },
);

/** Every child sharing a UPN is reported, since the DfE cannot tell which of them holds it. */
export const upnUnique_1520 = returnRule({ code: '1520', severity: 'ERROR', text: 'More than one record with the same UPN.' }, (census) => {
  const holders = new Map<string, number>();
  for (const child of census.children) {
    const upn = upnOf(child);
    if (upn) holders.set(upn, (holders.get(upn) ?? 0) + 1);
  }
  return census.children.filter((child) => (holders.get(upnOf(child) ?? '') ?? 0) > 1).map((child) => ({ child, hit: { field: 'UPN' } }));
});

export const upnLaCode_1530 = childRule(
  { code: '1530', severity: 'ERROR', text: 'UPN invalid (characters 2-4 not a recognised LA code)' },
  (child) => {
    const upn = upnOf(child);
    if (!upn || upn.length !== 13) return [];
    return isUpnLaCode(upn.slice(1, 4)) ? [] : upnHit;
  },
);

/** A UPN too short to have characters 5-12 fails: a character that is not there is not numeric. */
export const upnDigits_1540 = childRule(
  { code: '1540', severity: 'ERROR', text: 'UPN invalid (characters 5-12 not all numeric)' },
  (child) => {
    const upn = upnOf(child);
    if (!upn) return [];
    return /^\d{8}$/.test(upn.slice(4, 12)) ? [] : upnHit;
  },
);

export const upnLastCharacter_1550 = childRule(
  { code: '1550', severity: 'ERROR', text: 'UPN invalid (character 13 not a recognised value)' },
  (child) => {
    const upn = upnOf(child);
    if (!upn || upn.length !== 13) return [];
    return UPN_LAST_CHARACTER.test(upn[12]) ? [] : upnHit;
  },
);

/** The former UPN is often a temporary one, so a letter at character 13 is in the format (as in the XSD). */
export const formerUpnFormat_1560Q = childRule(
  {
    code: '1560Q',
    severity: 'QUERY',
    text: 'Please check and either amend or provide a reason: Former UPN wrongly formatted',
  },
  (child) => {
    if (!child.formerUpn || child.formerUpn.trim() === '') return [];
    return UPN_SHAPE.test(child.formerUpn.toUpperCase()) ? [] : [{ field: 'FormerUPN' }];
  },
);

// UN1 says the child is past school age, so it cannot explain a missing UPN for one who is of it.
const SCHOOL_AGE_UPN_UNKNOWN_REASONS = new Set(['UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7']);

/**
 * "School age" as the DfE's 2024-25 rule draws it: born on or before 31 August six years before
 * the reference date's year, so of compulsory school age in the school year the census covers.
 */
export const upnForSchoolAgeChild_8770Q = childRule(
  {
    code: '8770Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.',
  },
  (child, census) => {
    const bornBy = `${census.year.endYear - 6}-08-31`;
    if (!child.personBirthDate || child.personBirthDate > bornBy || !hasFurtherAction(child) || upnOf(child)) return [];
    const reason = child.upnUnknownReason?.toUpperCase() ?? null;
    if (reason && SCHOOL_AGE_UPN_UNKNOWN_REASONS.has(reason)) return [];
    return [{ field: 'UPN', detail: reason === 'UN1' ? 'UPNunknown is UN1' : 'no UPNunknown reason' }];
  },
);

export const upnUnknownNfaOnly_8772 = childRule(
  {
    code: '8772',
    severity: 'ERROR',
    text: 'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
  },
  (child) => (child.upnUnknownReason?.toUpperCase() === 'UN7' && hasFurtherAction(child) ? [{ field: 'UPNunknown' }] : []),
);
