import type { ChildSubject, Sex } from '@csc/contracts';
import { censusDetails, childAsOn, type FictionalChild } from './child-characteristics';

export type { FictionalChild } from './child-characteristics';
import { CHILD_SHARES } from './national-mix';
import type { PupilNumbers } from './pupil-numbers';
import { addDays } from './working-calendar';
import type { SeededRandom } from './seeded-random';

/**
 * Obviously fictional people, from small word lists: nobody reading a generated event (were it
 * ever opened) could take it for a real child. NHS numbers are from the 999 range the NHS keeps for
 * testing, postcodes from the ZZ area that does not exist.
 */
const GIVEN = [
  'Pebble',
  'Marigold',
  'Tansy',
  'Juniper',
  'Bramble',
  'Clover',
  'Fennel',
  'Hazel',
  'Kestrel',
  'Linnet',
  'Morrow',
  'Nettle',
  'Orrin',
  'Puffin',
  'Quill',
  'Rowan',
  'Sorrel',
  'Teasel',
  'Umber',
  'Wren',
];
const FAMILY_START = ['Applewick', 'Bumble', 'Cotton', 'Dapple', 'Elder', 'Fiddle', 'Gumdrop', 'Honey', 'Inkle', 'Jolly', 'Kettle', 'Lark'];
const FAMILY_END = ['bottom', 'crumb', 'dale', 'field', 'grove', 'hollow', 'moss', 'pepper', 'thistle', 'whistle'];
const PRACTITIONER = ['Ada Testwell', 'Basil Sampleton', 'Cora Mockridge', 'Dev Placeholder', 'Edie Fakenham', 'Finn Dummyford'];
const CONCERNS = [
  'Fictional concern: the child seemed withdrawn and hungry at school.',
  'Fictional concern: police attended a domestic incident at the home.',
  'Fictional concern: repeated missed health appointments.',
  'Fictional concern: the child disclosed worries about home.',
  'Fictional concern: a parent asked for help coping.',
  'Fictional concern: the child was found out late at night.',
];

/** Ages at first referral, roughly as in the national statistics (older children more often). */
const ageInYearsAt = (random: SeededRandom): number => {
  const roll = random.next();
  if (roll < 0.22) return random.int(0, 4);
  if (roll < 0.47) return random.int(5, 9);
  if (roll < 0.85) return random.int(10, 15);
  return random.int(16, 17);
};

/**
 * A child new to the authority on `on`. An unborn child's expected date is 30 to 250 days ahead: a
 * referral is never more than 40 weeks before it (census rule 8606). A child at `schoolUrn` (or,
 * mostly, at some school) has a UPN from the school year of reception on.
 */
export const fictionalChild = (random: SeededRandom, on: string, schoolUrn: string | null, upns: PupilNumbers): FictionalChild => {
  const unborn = random.chance(0.04);
  const sex: Sex = unborn || random.chance(CHILD_SHARES.sexNotRecorded) ? 'U' : random.chance(0.5) ? 'M' : 'F';
  const birth = unborn ? addDays(on, random.int(30, 250)) : addDays(on, -(ageInYearsAt(random) * 365 + random.int(1, 364)));
  const subject: ChildSubject = {
    givenName: random.pick(GIVEN),
    familyName: `${random.pick(FAMILY_START)}${random.pick(FAMILY_END)}`,
    ...(unborn ? { expectedDateOfBirth: birth } : { dateOfBirth: birth }),
    ...(unborn || random.chance(0.2) ? {} : { nhsNumber: testNhsNumber(random) }),
    postcode: `ZZ${random.int(1, 9)} ${random.int(1, 9)}${random.pick(['AB', 'CD', 'EF', 'GH'])}`,
  };
  const census = censusDetails(random, unborn ? birth : null);
  if (schoolUrn) census.schooling = 'AT_SCHOOL';
  return childAsOn({ subject, sex, birth, unborn, census }, on, upns, random, schoolUrn);
};

/** An NHS number in the 999 test range with a correct modulus 11 check digit. */
const testNhsNumber = (random: SeededRandom): string => {
  for (;;) {
    const nine = `999${String(random.int(0, 999_999)).padStart(6, '0')}`;
    const sum = [...nine].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
    const check = 11 - (sum % 11);
    if (check !== 10) return `${nine}${check === 11 ? 0 : check}`;
  }
};

export const fictionalPractitioner = (random: SeededRandom): string => random.pick(PRACTITIONER);

/** The social worker named on a plan (what a school may be told). */
export const fictionalSocialWorker = (random: SeededRandom) => ({
  name: `${fictionalPractitioner(random)} (fictional)`,
  team: 'Fictional Locality Team',
});

export const fictionalConcern = (random: SeededRandom): string => random.pick(CONCERNS);

export const fictionalReferrer = (random: SeededRandom, role: string) => ({ name: `${random.pick(PRACTITIONER)} (fictional)`, role });
