import type { ChildIdentity } from './child-matching';
import { familyNameKey } from './name-keys';

/**
 * What the index looks a child up by, normalised as matching compares them: the same NHS number,
 * the same UPN, or the same birth (born or expected, on the same date) with the same family name.
 * The index stores only keyed hashes of these (blind indexes); every candidate they find is then
 * opened and compared in full by matchChild (given names, nicknames, typos, district, conflicts).
 * The postcode district and the given name are not indexed: the district has too few values to hide
 * behind a hash, and a given name is compared by closeness, which a hash cannot do.
 */
export interface IdentityLookup {
  nhsNumber: string | null;
  upn: string | null;
  birth: string;
  familyName: string;
}

export const identityLookupOf = (identity: ChildIdentity): IdentityLookup => ({
  nhsNumber: identity.nhsNumber ? identity.nhsNumber.replace(/\s+/g, '') : null,
  upn: identity.upn ? identity.upn.toUpperCase() : null,
  birth: `${identity.unborn ? 'expected' : 'born'}:${identity.dateOfBirth}`,
  familyName: familyNameKey(identity.familyName),
});
