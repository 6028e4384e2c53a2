import type { KnownIdentity } from './child-matching';

/** Which of the front door's search keys a child was found by. */
export const SEARCH_MATCHES = ['NHS_NUMBER', 'UPN', 'FAMILY_NAME_AND_DATE_OF_BIRTH'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

/** One referral's description of its child, found through the index, and which keys it matched by (none: another description of a child found by one). */
export interface FoundIdentity extends KnownIdentity {
  matched: SearchMatch[];
  /** When the referral that described the child this way was received. */
  receivedAt: string;
}

export interface ChildCandidate {
  childId: string;
  /** Every key any of the child's descriptions matched, in SEARCH_MATCHES order. */
  matchedOn: SearchMatch[];
  /** The child as the latest referral described them. */
  child: { givenName: string; familyName: string; dateOfBirth: string; unborn: boolean; sex: 'M' | 'F' | 'U' };
  referralCount: number;
  lastReferredAt: string;
}

/**
 * The children a search found, one candidate per child however many referrals described them: why it
 * matched (a child may match the NHS number on one referral and the name and date of birth on
 * another: both are said), and who the latest referral says the child is. Strongest match first
 * (NHS number, then UPN, then name and date of birth), then the most recently referred.
 */
export const candidatesFrom = (found: FoundIdentity[]): ChildCandidate[] => {
  const byChild = new Map<string, FoundIdentity[]>();
  for (const identity of found) byChild.set(identity.childId, [...(byChild.get(identity.childId) ?? []), identity]);
  const candidates = [...byChild.entries()].flatMap(([childId, identities]) => {
    const matched = new Set(identities.flatMap((identity) => identity.matched));
    if (matched.size === 0) return [];
    const latest = identities.reduce((a, b) => (b.receivedAt > a.receivedAt ? b : a));
    return [
      {
        childId,
        matchedOn: SEARCH_MATCHES.filter((match) => matched.has(match)),
        child: {
          givenName: latest.givenName,
          familyName: latest.familyName,
          dateOfBirth: latest.dateOfBirth,
          unborn: latest.unborn,
          sex: latest.sex,
        },
        referralCount: identities.length,
        lastReferredAt: latest.receivedAt,
      },
    ];
  });
  const strength = (candidate: ChildCandidate) => SEARCH_MATCHES.indexOf(candidate.matchedOn[0]);
  return candidates.sort((a, b) => strength(a) - strength(b) || b.lastReferredAt.localeCompare(a.lastReferredAt));
};
