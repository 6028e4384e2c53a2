import type { ChildIdentity } from './child-matching';
import { identityLookupOf } from './identity-lookup';

const child: ChildIdentity = {
  givenName: 'Amelia',
  familyName: 'Smith-Jones',
  dateOfBirth: '2014-06-01',
  unborn: false,
  sex: 'F',
  nhsNumber: '9434765919',
  upn: 'n201300012004',
  postcodeDistrict: 'FY1',
};

describe('identityLookupOf: what the child index hashes to find a child again', () => {
  it('normalises each value the way matching compares it', () => {
    expect(identityLookupOf(child)).toEqual({
      nhsNumber: '9434765919',
      upn: 'N201300012004',
      birth: 'born:2014-06-01',
      familyName: 'jones smith',
    });
  });

  it('gives every spelling matching treats as one family name the same key', () => {
    const keys = ['Smith-Jones', 'jones smith', 'JONES  SMITH', 'Smith Jones'].map(
      (familyName) => identityLookupOf({ ...child, familyName }).familyName,
    );
    expect(new Set(keys)).toEqual(new Set(['jones smith']));
  });

  it('keeps a born child and an unborn one expected on the same date apart', () => {
    expect(identityLookupOf({ ...child, unborn: true }).birth).toBe('expected:2014-06-01');
  });

  it('has no NHS number or UPN key when the referral gave none', () => {
    expect(identityLookupOf({ ...child, nhsNumber: null, upn: null })).toMatchObject({ nhsNumber: null, upn: null });
  });
});
