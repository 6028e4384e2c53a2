import type { ChildMatchRule } from '@csc/contracts';
import { areNicknames } from './nicknames';
import { editDistance, familyNameKey, givenNameKey } from './name-keys';

/** What a referral tells us about who the child is (already validated). */
export interface ChildIdentity {
  givenName: string;
  familyName: string;
  /** Date of birth, or the expected date for an unborn child. */
  dateOfBirth: string;
  unborn: boolean;
  sex: 'M' | 'F' | 'U';
  nhsNumber: string | null;
  upn: string | null;
  postcodeDistrict: string | null;
}

/** An identity the index already holds: how one earlier referral described its child (pass every row of each candidate child). */
export interface KnownIdentity extends ChildIdentity {
  childId: string;
  referralId: string;
}

export type GivenNameComparison = 'SAME' | 'NICKNAME' | 'TYPO';

export type ChildMatch =
  | {
      matchedExistingChild: true;
      childId: string;
      rule: Exclude<ChildMatchRule, 'NEW_CHILD'>;
      matchedReferralId: string;
      givenNameComparison: GivenNameComparison | null;
      nearMissChildIds: string[];
    }
  | { matchedExistingChild: false; rule: 'NEW_CHILD'; nearMissChildIds: string[] };

/**
 * Resolves a referral's child against what the index knows, in order of certainty:
 *  1. the same NHS number;
 *  2. the same UPN, unless the NHS numbers conflict;
 *  3. the same family name (parts in any order), date of birth and postcode district, with a close
 *     given name (the same, a nickname, or a typo), and nothing that conflicts (NHS number, UPN, sex).
 * Two different children that both fit rule 3 make the match ambiguous: a new child is created
 * rather than risk joining two children's histories (a duplicate can be merged; a wrong merge
 * shows one child's record to another's workers). Near misses are returned for tracing.
 */
export const matchChild = (candidate: ChildIdentity, known: KnownIdentity[]): ChildMatch => {
  // A conflict on any description of a child rules that child out, not only the row that matched.
  const rowsByChild = new Map<string, KnownIdentity[]>();
  for (const identity of known) rowsByChild.set(identity.childId, [...(rowsByChild.get(identity.childId) ?? []), identity]);
  const childConflicts = (childId: string, conflict: (a: ChildIdentity, b: ChildIdentity) => boolean) =>
    (rowsByChild.get(childId) ?? []).some((row) => conflict(candidate, row));

  if (candidate.nhsNumber) {
    const byNhs = known.find((identity) => identity.nhsNumber === candidate.nhsNumber);
    if (byNhs) return existing(byNhs, 'NHS_NUMBER', null, []);
  }
  if (candidate.upn) {
    const byUpn = known.find((identity) => identity.upn === candidate.upn && !childConflicts(identity.childId, nhsConflict));
    if (byUpn) return existing(byUpn, 'UPN', null, []);
  }

  const sameFamilyAndBirth = known.filter(
    (identity) =>
      identity.unborn === candidate.unborn &&
      identity.dateOfBirth === candidate.dateOfBirth &&
      familyNameKey(identity.familyName) === familyNameKey(candidate.familyName),
  );
  const fits = sameFamilyAndBirth
    .filter((identity) => !childConflicts(identity.childId, conflicts) && sameDistrict(candidate, identity))
    .map((identity) => ({ identity, comparison: compareGivenNames(candidate.givenName, identity.givenName) }))
    .filter((fit): fit is { identity: KnownIdentity; comparison: GivenNameComparison } => fit.comparison !== null);

  const fittingChildren = unique(fits.map((fit) => fit.identity.childId));
  const nearMisses = (chosen: string | null) =>
    unique(sameFamilyAndBirth.map((identity) => identity.childId)).filter((childId) => childId !== chosen);

  if (fittingChildren.length === 1) {
    const best = [...fits].sort((a, b) => RANK[a.comparison] - RANK[b.comparison])[0];
    return existing(best.identity, 'NAME_DATE_OF_BIRTH_DISTRICT', best.comparison, nearMisses(best.identity.childId));
  }
  if (fittingChildren.length > 1) {
    // Twins or siblings can both be close; only an exact given name singles one out.
    const exact = unique(fits.filter((fit) => fit.comparison === 'SAME').map((fit) => fit.identity.childId));
    if (exact.length === 1) {
      const chosen = fits.find((fit) => fit.identity.childId === exact[0] && fit.comparison === 'SAME')!;
      return existing(chosen.identity, 'NAME_DATE_OF_BIRTH_DISTRICT', 'SAME', nearMisses(exact[0]));
    }
  }
  return { matchedExistingChild: false, rule: 'NEW_CHILD', nearMissChildIds: nearMisses(null) };
};

const RANK: Record<GivenNameComparison, number> = { SAME: 0, NICKNAME: 1, TYPO: 2 };

export const compareGivenNames = (a: string, b: string): GivenNameComparison | null => {
  const keyA = givenNameKey(a);
  const keyB = givenNameKey(b);
  if (!keyA || !keyB) return null;
  if (keyA === keyB) return 'SAME';
  if (areNicknames(keyA, keyB)) return 'NICKNAME';
  // No slip allowed in a name of four letters or fewer (Eva and Ava, Jack and Jake are different
  // children, often twins); one in a name of five to seven letters; two in a longer one.
  const shorter = Math.min(keyA.length, keyB.length);
  const allowed = shorter <= 4 ? 0 : shorter <= 7 ? 1 : 2;
  return allowed > 0 && editDistance(keyA, keyB) <= allowed ? 'TYPO' : null;
};

const nhsConflict = (a: ChildIdentity, b: ChildIdentity) => !!a.nhsNumber && !!b.nhsNumber && a.nhsNumber !== b.nhsNumber;
const upnConflict = (a: ChildIdentity, b: ChildIdentity) => !!a.upn && !!b.upn && a.upn !== b.upn;
const sexConflict = (a: ChildIdentity, b: ChildIdentity) => a.sex !== 'U' && b.sex !== 'U' && a.sex !== b.sex;
const conflicts = (a: ChildIdentity, b: ChildIdentity) => nhsConflict(a, b) || upnConflict(a, b) || sexConflict(a, b);
const sameDistrict = (a: ChildIdentity, b: ChildIdentity) => !!a.postcodeDistrict && a.postcodeDistrict === b.postcodeDistrict;
const unique = (values: string[]) => [...new Set(values)];

const existing = (
  identity: KnownIdentity,
  rule: Exclude<ChildMatchRule, 'NEW_CHILD'>,
  givenNameComparison: GivenNameComparison | null,
  nearMissChildIds: string[],
): ChildMatch => ({
  matchedExistingChild: true,
  childId: identity.childId,
  rule,
  matchedReferralId: identity.referralId,
  givenNameComparison,
  nearMissChildIds,
});
