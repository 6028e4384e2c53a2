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
  nhsNumber: identity.nhsNumber ? nhsNumberKey(identity.nhsNumber) : null,
  upn: identity.upn ? upnKey(identity.upn) : null,
  birth: birthKey(identity.unborn, identity.dateOfBirth),
  familyName: familyNameKey(identity.familyName),
});

/** What the front door searches by (GET /v1/children): any of the keys, normalised exactly as the index stored them. */
export interface ChildSearch {
  nhsNumber?: string;
  upn?: string;
  familyName?: string;
  /** A born child's date of birth: searched together with the family name, as the index keys them. */
  dateOfBirth?: string;
}

export interface SearchLookup {
  nhsNumber: string | null;
  upn: string | null;
  birth: string | null;
  familyName: string | null;
}

export const searchLookupOf = (search: ChildSearch): SearchLookup => ({
  nhsNumber: search.nhsNumber ? nhsNumberKey(search.nhsNumber) : null,
  upn: search.upn ? upnKey(search.upn) : null,
  birth: search.dateOfBirth && search.familyName ? birthKey(false, search.dateOfBirth) : null,
  familyName: search.dateOfBirth && search.familyName ? familyNameKey(search.familyName) : null,
});

const nhsNumberKey = (nhsNumber: string): string => nhsNumber.replace(/\s+/g, '');
const upnKey = (upn: string): string => upn.toUpperCase();
const birthKey = (unborn: boolean, date: string): string => `${unborn ? 'expected' : 'born'}:${date}`;
