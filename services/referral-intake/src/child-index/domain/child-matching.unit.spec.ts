import { upnCheckLetter } from '@csc/domain';
import { compareGivenNames, matchChild, type ChildIdentity, type KnownIdentity } from './child-matching';
import { familyNameKey } from './name-keys';

const UPN_F = `${upnCheckLetter('201300012001')}201300012001`;
const UPN_OTHER = `${upnCheckLetter('201300012002')}201300012002`;
const UPN_I = `${upnCheckLetter('201300012003')}201300012003`;

const known = (
  childId: string,
  identity: Partial<ChildIdentity> & Pick<ChildIdentity, 'givenName' | 'familyName' | 'dateOfBirth'>,
): KnownIdentity => ({
  childId,
  referralId: `referral-of-${childId}`,
  unborn: false,
  sex: 'U',
  nhsNumber: null,
  upn: null,
  postcodeDistrict: null,
  ...identity,
});

// The index as a front door might hold it.
const INDEX: KnownIdentity[] = [
  known('A', { givenName: 'William', familyName: 'Thompson', dateOfBirth: '2014-03-12', sex: 'M', postcodeDistrict: 'FY1' }),
  known('B', {
    givenName: 'Olivia',
    familyName: 'Hart-Patel',
    dateOfBirth: '2016-07-01',
    sex: 'F',
    postcodeDistrict: 'FY3',
    nhsNumber: '9434765919',
  }),
  known('C', { givenName: 'Oliver', familyName: 'Bennett', dateOfBirth: '2018-09-20', sex: 'M', postcodeDistrict: 'ST4' }),
  known('D', { givenName: 'Harry', familyName: 'Bennett', dateOfBirth: '2018-09-20', sex: 'M', postcodeDistrict: 'ST4' }),
  known('E', { givenName: 'Jonathan', familyName: 'Price', dateOfBirth: '2012-11-05', sex: 'M', postcodeDistrict: 'SK1' }),
  known('F', { givenName: 'Zoë', familyName: "O'Brien", dateOfBirth: '2015-01-15', sex: 'F', postcodeDistrict: 'M14', upn: UPN_F }),
  known('G', { givenName: 'Amelia', familyName: 'Khan', dateOfBirth: '2013-06-30', sex: 'F', postcodeDistrict: 'B12' }),
  known('I', { givenName: 'Noah', familyName: 'Evans', dateOfBirth: '2011-02-14', sex: 'M', upn: UPN_I, nhsNumber: '9990000018' }),
  known('J', { givenName: 'Ava', familyName: 'Khan', dateOfBirth: '2013-06-30', sex: 'F', postcodeDistrict: 'B12' }),
  known('K', { givenName: 'Lily-Rose', familyName: 'Ward', dateOfBirth: '2019-02-02', sex: 'F', postcodeDistrict: 'FY5' }),
  // Child L was referred twice: once without an NHS number, once with one.
  known('L', { givenName: 'Ruby', familyName: 'Stone', dateOfBirth: '2012-12-12', sex: 'F', postcodeDistrict: 'FY6' }),
  {
    ...known('L', {
      givenName: 'Ruby',
      familyName: 'Stone',
      dateOfBirth: '2012-12-12',
      sex: 'F',
      postcodeDistrict: 'FY6',
      nhsNumber: '9990000018',
    }),
    referralId: 'second-referral-of-L',
  },
  known('H', { givenName: 'Baby', familyName: 'Walsh', dateOfBirth: '2026-03-01', unborn: true, sex: 'U', postcodeDistrict: 'FY4' }),
];

const candidate = (identity: Partial<ChildIdentity> & Pick<ChildIdentity, 'givenName' | 'familyName' | 'dateOfBirth'>): ChildIdentity => ({
  unborn: false,
  sex: 'U',
  nhsNumber: null,
  upn: null,
  postcodeDistrict: null,
  ...identity,
});

// The README's matching table is this table: keep them in step.
const CASES: [string, ChildIdentity, string | 'NEW', string][] = [
  [
    'same child, nickname (Billy for William)',
    candidate({ givenName: 'Billy', familyName: 'Thompson', dateOfBirth: '2014-03-12', sex: 'M', postcodeDistrict: 'FY1' }),
    'A',
    'NAME_DATE_OF_BIRTH_DISTRICT/NICKNAME',
  ],
  [
    'same child, typo in the given name',
    candidate({ givenName: 'Wiliam', familyName: 'thompson', dateOfBirth: '2014-03-12', postcodeDistrict: 'FY1' }),
    'A',
    'NAME_DATE_OF_BIRTH_DISTRICT/TYPO',
  ],
  [
    'same child, double-barrelled surname reordered',
    candidate({ givenName: 'Olivia', familyName: 'Patel Hart', dateOfBirth: '2016-07-01', sex: 'F', postcodeDistrict: 'FY3' }),
    'B',
    'NAME_DATE_OF_BIRTH_DISTRICT/SAME',
  ],
  [
    'same child, moved within the same postcode district',
    candidate({ givenName: 'William', familyName: 'Thompson', dateOfBirth: '2014-03-12', sex: 'M', postcodeDistrict: 'FY1' }),
    'A',
    'NAME_DATE_OF_BIRTH_DISTRICT/SAME',
  ],
  [
    'same child, accents and apostrophe dropped',
    candidate({ givenName: 'Zoe', familyName: 'OBrien', dateOfBirth: '2015-01-15', postcodeDistrict: 'M14' }),
    'F',
    'NAME_DATE_OF_BIRTH_DISTRICT/SAME',
  ],
  [
    'same child, Jon for Jonathan',
    candidate({ givenName: 'Jon', familyName: 'Price', dateOfBirth: '2012-11-05', postcodeDistrict: 'SK1' }),
    'E',
    'NAME_DATE_OF_BIRTH_DISTRICT/NICKNAME',
  ],
  [
    'same NHS number, name and date of birth mistyped',
    candidate({ givenName: 'Olive', familyName: 'Hart', dateOfBirth: '2016-01-07', nhsNumber: '9434765919' }),
    'B',
    'NHS_NUMBER/-',
  ],
  ['same UPN, no postcode', candidate({ givenName: 'Zoe', familyName: 'Obrien', dateOfBirth: '2015-01-15', upn: UPN_F }), 'F', 'UPN/-'],
  [
    'twin: the other twin by exact name',
    candidate({ givenName: 'Harry', familyName: 'Bennett', dateOfBirth: '2018-09-20', sex: 'M', postcodeDistrict: 'ST4' }),
    'D',
    'NAME_DATE_OF_BIRTH_DISTRICT/SAME',
  ],
  [
    'twins: a third child with the same surname and birthday',
    candidate({ givenName: 'Jack', familyName: 'Bennett', dateOfBirth: '2018-09-20', sex: 'M', postcodeDistrict: 'ST4' }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'twin sister: same surname, birthday and district, different name',
    candidate({ givenName: 'Amy', familyName: 'Thompson', dateOfBirth: '2014-03-12', sex: 'F', postcodeDistrict: 'FY1' }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'same name and date of birth in another town',
    candidate({ givenName: 'Amelia', familyName: 'Khan', dateOfBirth: '2013-06-30', sex: 'F', postcodeDistrict: 'LS6' }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'same name, date of birth and district but a conflicting NHS number',
    candidate({
      givenName: 'Olivia',
      familyName: 'Hart-Patel',
      dateOfBirth: '2016-07-01',
      sex: 'F',
      postcodeDistrict: 'FY3',
      nhsNumber: '4010232137',
    }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'same UPN but a conflicting NHS number',
    candidate({ givenName: 'Noah', familyName: 'Evans', dateOfBirth: '2011-02-14', upn: UPN_I, nhsNumber: '4010232137' }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'same name and district, birthday one day out',
    candidate({ givenName: 'Jonathan', familyName: 'Price', dateOfBirth: '2012-11-06', postcodeDistrict: 'SK1' }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'same name and birthday, a different UPN',
    candidate({ givenName: 'Zoe', familyName: "O'Brien", dateOfBirth: '2015-01-15', postcodeDistrict: 'M14', upn: UPN_OTHER }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'same name and birthday, no postcode to compare',
    candidate({ givenName: 'William', familyName: 'Thompson', dateOfBirth: '2014-03-12' }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'Jack and Jake are two edits apart: different children',
    candidate({ givenName: 'Jake', familyName: 'Bennett', dateOfBirth: '2018-09-20', sex: 'M', postcodeDistrict: 'ST4' }),
    'NEW',
    'NEW_CHILD',
  ],
  [
    'unborn child referred twice',
    candidate({ givenName: 'Baby', familyName: 'Walsh', dateOfBirth: '2026-03-01', unborn: true, postcodeDistrict: 'FY4' }),
    'H',
    'NAME_DATE_OF_BIRTH_DISTRICT/SAME',
  ],
];

describe('matchChild: the matching table', () => {
  it.each(CASES)('%s', (_case, identity, expectedChild, expectedRule) => {
    const match = matchChild(identity, INDEX);
    if (expectedChild === 'NEW') {
      expect(match).toMatchObject({ matchedExistingChild: false, rule: 'NEW_CHILD' });
    } else {
      expect(match).toMatchObject({ matchedExistingChild: true, childId: expectedChild });
      if (!match.matchedExistingChild) return;
      expect(`${match.rule}/${match.givenNameComparison ?? '-'}`).toBe(expectedRule);
      expect(match.matchedReferralId).toBe(`referral-of-${expectedChild}`);
    }
  });

  it('reports the children that came close but were not chosen', () => {
    const match = matchChild(CASES[9][1], INDEX);
    expect(match.nearMissChildIds.sort()).toEqual(['C', 'D']);
  });

  it('creates a new child when two different children fit equally (no exact name to single one out)', () => {
    const twins = [
      known('P', { givenName: 'Lena', familyName: 'Lowe', dateOfBirth: '2019-04-02', postcodeDistrict: 'FY2' }),
      known('Q', { givenName: 'Lina', familyName: 'Lowe', dateOfBirth: '2019-04-02', postcodeDistrict: 'FY2' }),
    ];
    // "Lana" is one slip from either twin: no way to tell which.
    const match = matchChild(
      candidate({ givenName: 'Lana', familyName: 'Lowe', dateOfBirth: '2019-04-02', postcodeDistrict: 'FY2' }),
      twins,
    );
    expect(match).toMatchObject({ matchedExistingChild: false, nearMissChildIds: ['P', 'Q'] });
  });

  it('finds a new child in an empty index', () => {
    expect(matchChild(CASES[0][1], [])).toEqual({ matchedExistingChild: false, rule: 'NEW_CHILD', nearMissChildIds: [] });
  });
});

describe('name comparison', () => {
  it.each([
    ['Katie', 'Catherine', 'NICKNAME'],
    ['Mohammed', 'Muhammad', 'NICKNAME'],
    ['Sophie', 'Sopihe', 'TYPO'],
    ['Mary-Jane', 'Mary Jane', 'SAME'],
    ['Mary-Jane', 'Mary', null],
    ['Lily-Rose', 'Lily-Mae', null],
    ['Eva', 'Ava', null],
    ['Jonathon', 'Jonathan', 'TYPO'],
    ['Leah', 'Lea', null],
    ['Leah', 'Lena', null],
    ['Leah', 'Noah', null],
    ['Jack', 'Jake', null],
    ['', 'Amy', null],
  ])('%s and %s: %s', (a, b, expected) => expect(compareGivenNames(a, b)).toBe(expected));

  it('keys family names by their parts in any order, ignoring case, accents and punctuation', () => {
    expect(familyNameKey('Smith-Jones')).toBe(familyNameKey('jones smith'));
    expect(familyNameKey('Núñez')).toBe('nunez');
    expect(familyNameKey("O'Neill")).toBe('oneill');
  });
});
