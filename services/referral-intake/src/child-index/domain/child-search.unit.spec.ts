import { candidatesFrom, type FoundIdentity } from './child-search';
import { searchLookupOf } from './identity-lookup';

const described = (overrides: Partial<FoundIdentity>): FoundIdentity => ({
  childId: 'child-a',
  referralId: 'referral-1',
  givenName: 'Amelia',
  familyName: 'Smith',
  dateOfBirth: '2014-06-01',
  unborn: false,
  sex: 'F',
  nhsNumber: null,
  upn: null,
  postcodeDistrict: 'FY1',
  matched: [],
  receivedAt: '2025-01-03T10:00:00.000Z',
  ...overrides,
});

describe('searchLookupOf: the search keys normalised as the index stored them', () => {
  it('normalises each key, and keys a name only with a date of birth (a born child)', () => {
    expect(
      searchLookupOf({ nhsNumber: '943 476 5919', upn: 'n201300012004', familyName: 'Jones-Smith', dateOfBirth: '2014-06-01' }),
    ).toEqual({
      nhsNumber: '9434765919',
      upn: 'N201300012004',
      birth: 'born:2014-06-01',
      familyName: 'jones smith',
    });
    expect(searchLookupOf({ familyName: 'Smith' })).toEqual({ nhsNumber: null, upn: null, birth: null, familyName: null });
  });
});

describe('candidatesFrom: one candidate per child, saying why it matched', () => {
  it('joins what every description of a child matched, and shows the child as the latest referral described them', () => {
    const candidates = candidatesFrom([
      described({ referralId: 'r1', matched: ['NHS_NUMBER'], givenName: 'Amy', receivedAt: '2024-01-01T09:00:00.000Z' }),
      described({ referralId: 'r2', matched: ['FAMILY_NAME_AND_DATE_OF_BIRTH'], receivedAt: '2025-01-03T10:00:00.000Z' }),
    ]);
    expect(candidates).toEqual([
      {
        childId: 'child-a',
        matchedOn: ['NHS_NUMBER', 'FAMILY_NAME_AND_DATE_OF_BIRTH'],
        child: { givenName: 'Amelia', familyName: 'Smith', dateOfBirth: '2014-06-01', unborn: false, sex: 'F' },
        referralCount: 2,
        lastReferredAt: '2025-01-03T10:00:00.000Z',
      },
    ]);
  });

  it('puts the strongest match first, then the most recently referred, and drops a child nothing matched', () => {
    const candidates = candidatesFrom([
      described({ childId: 'by-name-old', matched: ['FAMILY_NAME_AND_DATE_OF_BIRTH'], receivedAt: '2023-01-01T00:00:00.000Z' }),
      described({ childId: 'by-name-new', matched: ['FAMILY_NAME_AND_DATE_OF_BIRTH'], receivedAt: '2024-01-01T00:00:00.000Z' }),
      described({ childId: 'by-upn', matched: ['UPN'] }),
      described({ childId: 'by-nhs', matched: ['NHS_NUMBER'], receivedAt: '2020-01-01T00:00:00.000Z' }),
      described({ childId: 'unmatched', matched: [] }),
    ]);
    expect(candidates.map((candidate) => candidate.childId)).toEqual(['by-nhs', 'by-upn', 'by-name-new', 'by-name-old']);
  });
});
