import { addDays, addMonths } from '@csc/domain';
import { childRule } from './census-rule';

// Birth and death dates are personal: these findings name the element, never the date in it.

export const birthBeforeCensusEnd_8520 = childRule(
  {
    code: '8520',
    severity: 'ERROR',
    text: 'Date of Birth is after data collection period (must be on or before the end of the census period)',
  },
  (child, census) => (child.personBirthDate && child.personBirthDate > census.year.end ? [{ field: 'PersonBirthDate' }] : []),
);

export const birthOrExpectedBirth_8525Q = childRule(
  {
    code: '8525Q',
    severity: 'QUERY',
    text: 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
  },
  (child) => {
    const born = child.personBirthDate !== null;
    const expected = child.expectedPersonBirthDate !== null;
    if (born !== expected) return [];
    return [{ field: 'PersonBirthDate', detail: born ? 'both recorded' : 'neither recorded' }];
  },
);

/** The DfE's "between" takes in both ends: 1 March and 31 December are inside "March to December". */
export const expectedBirthInRange_8530Q = childRule(
  {
    code: '8530Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
  },
  (child, census) => {
    const expected = child.expectedPersonBirthDate;
    if (!expected) return [];
    const earliest = addDays(census.year.end, -30);
    const latest = addMonths(census.year.end, 9);
    return expected < earliest || expected > latest ? [{ field: 'ExpectedPersonBirthDate' }] : [];
  },
);

/** A death with no birth date to set it against is queried too: nothing shows it came after the birth. */
export const deathAfterBirth_8535Q = childRule(
  {
    code: '8535Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth',
  },
  (child) => {
    const { personDeathDate: died, personBirthDate: born } = child;
    if (!died) return [];
    if (!born) return [{ field: 'PersonDeathDate', detail: 'no date of birth' }];
    return born > died ? [{ field: 'PersonDeathDate' }] : [];
  },
);

export const deathInCensusYear_8545Q = childRule(
  {
    code: '8545Q',
    severity: 'QUERY',
    text: "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
  },
  (child, census) => {
    const died = child.personDeathDate;
    return died && (died < census.year.start || died > census.year.end) ? [{ field: 'PersonDeathDate' }] : [];
  },
);

/** Only a child still open, or closed after turning 25, is queried: a case that closed in time is history. */
export const overTwentyFive_8775Q = childRule(
  {
    code: '8775Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: Child is over 25 years old',
  },
  (child, census) => {
    const born = child.personBirthDate;
    if (!born || born >= addMonths(census.year.end, -25 * 12)) return [];
    const turned25 = addMonths(born, 25 * 12);
    const openPast25 = child.episodes.some((episode) => !episode.cinClosureDate || episode.cinClosureDate > turned25);
    return openPast25 ? [{ field: 'PersonBirthDate' }] : [];
  },
);
