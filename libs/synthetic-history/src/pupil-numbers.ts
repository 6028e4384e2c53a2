import { upnCheckLetter } from '@csc/domain';
import type { SeededRandom } from './seeded-random';

/** Real English LA codes for children who came from another authority's schools (census rule 1530 checks them). */
const OTHER_LA_CODES = ['340', '352', '886', '925'];

/** Establishment numbers of the authority's other schools: the ones that do not refer in a generated history. */
const OTHER_SCHOOLS = { from: 3001, to: 3999 };

/**
 * Unique pupil numbers as the DfE allocates them: a check letter, the authority's three-digit LA code,
 * the four-digit establishment number of the school that allocated it, the last two digits of the
 * year, a three-digit serial (census rules 1510, 1530, 1540, 1550). Serials are counted per school
 * and year, so no two children of one history share a UPN (1520); the counts are all that is kept.
 */
export class PupilNumbers {
  private readonly serials = new Map<string, number>();

  /**
   * `firstSerial` keeps two histories loaded together apart (the demo loads the Team Around the School
   * cohort, numbered from 900, beside a year numbered from 0).
   */
  constructor(
    private readonly laCode: string,
    private readonly firstSerial = 0,
  ) {
    if (!/^\d{3}$/.test(laCode)) throw new Error(`a UPN needs a three-digit LA code, not ${laCode}`);
  }

  /** A new UPN from the child's school (a referring school's URN, or one of the other schools) in `year`. */
  allocate(random: SeededRandom, schoolUrn: string | null, year: number): string {
    let establishment = schoolUrn ? 2000 + (Number(schoolUrn) % 1000) : random.int(OTHER_SCHOOLS.from, OTHER_SCHOOLS.to);
    for (;;) {
      const key = `${establishment}${twoDigits(year)}`;
      const serial = this.serials.get(key) ?? this.firstSerial;
      if (serial < 1000) {
        this.serials.set(key, serial + 1);
        return withCheckLetter(`${this.laCode}${key}${String(serial).padStart(3, '0')}`);
      }
      // A school's thousand numbers for the year are used up (only in very large runs): the next school's.
      establishment = establishment >= OTHER_SCHOOLS.to ? OTHER_SCHOOLS.from : establishment + 1;
    }
  }
}

/** The UPN a child had at a school in another authority (kept as the former UPN; 1560Q checks its format). */
export const upnFromAnotherAuthority = (random: SeededRandom, year: number): string =>
  withCheckLetter(
    `${random.pick(OTHER_LA_CODES)}${random.int(2001, 4999)}${twoDigits(year)}${String(random.int(0, 999)).padStart(3, '0')}`,
  );

const twoDigits = (year: number) => String(year % 100).padStart(2, '0');

const withCheckLetter = (lastTwelve: string) => `${upnCheckLetter(lastTwelve)}${lastTwelve}`;
