import type { ChildCharacteristics, ChildSubject, Disability, Ethnicity, Sex, UpnUnknownReason } from '@csc/contracts';
import { CHILD_SHARES, DISABILITY_MIX, ETHNICITY_MIX, SCHOOLING_MIX } from './national-mix';
import { upnFromAnotherAuthority, type PupilNumbers } from './pupil-numbers';
import type { SeededRandom } from './seeded-random';
import { addDays } from './working-calendar';

/** A made-up child: who they are (sealed as a subject) and what the census asks of them. */
export interface FictionalChild {
  subject: ChildSubject;
  sex: Sex;
  /** The date of birth, or the expected date for an unborn child. */
  birth: string;
  unborn: boolean;
  /** What the census asks beyond identity; personal, so only ever sent inside a subject. */
  census: CensusDetails;
}

/** At a school in England (so a UPN once in reception), or why not, as the census's UPN-unknown code. */
export type Schooling = 'AT_SCHOOL' | Exclude<UpnUnknownReason, 'UN6' | 'UN7'>;

/**
 * What a child's record holds for the CIN census once it is known, drawn once when the child is made
 * up, so that every referral about the child says the same (or, later, more). An unborn child's
 * ethnicity is only obtained at birth; its sex and day of birth are decided now, so that every
 * service that records the birth records the same one.
 */
export interface CensusDetails {
  ethnicity: Ethnicity;
  /** ['NONE'], or one to three different codes (census rules 8790, 8794). */
  disabilities: Disability[];
  schooling: Schooling;
  formerUpn?: string;
  /** An unborn child's actual day of birth, near the expected one, and sex. */
  bornOn?: string;
  sexAtBirth?: 'M' | 'F';
}

export const censusDetails = (random: SeededRandom, expectedDateOfBirth: string | null): CensusDetails => {
  const details: CensusDetails = {
    ethnicity: random.weighted(ETHNICITY_MIX),
    disabilities: expectedDateOfBirth ? ['NONE'] : disabilities(random),
    schooling: random.weighted(SCHOOLING_MIX),
  };
  if (expectedDateOfBirth) {
    details.bornOn = addDays(expectedDateOfBirth, random.int(-21, 10));
    details.sexAtBirth = random.chance(0.5) ? 'M' : 'F';
  }
  return details;
};

const disabilities = (random: SeededRandom): Disability[] => {
  if (!random.chance(CHILD_SHARES.disabled)) return ['NONE'];
  const codes = new Set<Disability>([random.weighted(DISABILITY_MIX)]);
  if (random.chance(CHILD_SHARES.secondDisability)) {
    codes.add(random.weighted(DISABILITY_MIX));
    if (random.chance(CHILD_SHARES.thirdDisability)) codes.add(random.weighted(DISABILITY_MIX));
  }
  return [...codes];
};

/** The school year a child is in on `day`: 0 reception, 11 the last of compulsory school age, negative before school. */
export const schoolYearOn = (birth: string, day: string): number => academicYearOf(day) - academicYearOf(birth) - 5;

/** School years start on 1 September: a child born in August starts school a year before one born in September. */
const academicYearOf = (day: string): number => Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) < 9 ? 1 : 0);

/**
 * The child as the authority knows them on `day`: born once the day of birth has passed (sex and date
 * of birth instead of the expected date: 8525Q, 8750), and with a UPN once at school (allocated in
 * reception). A child first known over compulsory school age has the one from school, if it is found.
 */
export const childAsOn = (
  person: FictionalChild,
  day: string,
  upns: PupilNumbers,
  random: SeededRandom,
  schoolUrn: string | null,
): FictionalChild => {
  let child = person;
  const { bornOn, sexAtBirth } = person.census;
  if (child.unborn && bornOn && sexAtBirth && bornOn <= day) {
    const { expectedDateOfBirth: _expected, ...subject } = child.subject;
    child = { ...child, unborn: false, sex: sexAtBirth, birth: bornOn, subject: { ...subject, dateOfBirth: bornOn } };
  }
  const year = child.unborn ? -1 : schoolYearOn(child.birth, day);
  if (child.subject.upn || child.census.schooling !== 'AT_SCHOOL' || year < 0) return child;
  if (year >= 12 && !random.chance(CHILD_SHARES.upnKnownAfterSchool)) {
    return { ...child, census: { ...child.census, schooling: 'UN1' } };
  }
  const allocatedIn = academicYearOf(child.birth) + 5;
  const upn = upns.allocate(random, schoolUrn, allocatedIn);
  const formerUpn = random.chance(CHILD_SHARES.formerUpn) ? upnFromAnotherAuthority(random, allocatedIn) : undefined;
  return { ...child, subject: { ...child.subject, upn }, census: { ...child.census, ...(formerUpn ? { formerUpn } : {}) } };
};

/**
 * What a referrer reports of the child's census characteristics on `day` (ReferralReceived v2): an
 * unborn child's ethnicity is not yet obtained; a child without a UPN has the reason that fits the
 * age (never UN7, which only a referral closed with no further action may have: 8772).
 */
export const characteristicsOn = (person: FictionalChild, day: string): ChildCharacteristics => {
  const { census } = person;
  if (person.unborn) return { ethnicity: 'NOBT', disabilities: ['NONE'], upnUnknownReason: 'UN6' };
  if (person.subject.upn) {
    return { ethnicity: census.ethnicity, disabilities: census.disabilities, ...(census.formerUpn ? { formerUpn: census.formerUpn } : {}) };
  }
  return { ethnicity: census.ethnicity, disabilities: census.disabilities, upnUnknownReason: upnUnknownReasonOn(person, day) };
};

const upnUnknownReasonOn = (person: FictionalChild, day: string): UpnUnknownReason => {
  const { schooling } = person.census;
  const atSchool = schooling === 'AT_SCHOOL';
  // Reception is not compulsory: a child not in it is, like a younger one, under 6 and not yet at school.
  if (schoolYearOn(person.birth, day) < (atSchool ? 0 : 1)) return 'UN6';
  // At school but no UPN yet would be a gap in the records (it is allocated in reception).
  return atSchool ? 'UN5' : schooling;
};
