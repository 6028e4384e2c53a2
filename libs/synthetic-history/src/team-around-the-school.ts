import type { EventEnvelope } from '@csc/contracts';
import { addMonths } from '@csc/domain';
import { earlyHelpJourney, type EpisodeScript } from './early-help-journey';
import { fictionalChild } from './fictional-people';
import { actors, DEFAULT_SCHOOLS, DFE_LA_CODE, schoolUrns, type LocalAuthority } from './local-authority';
import { PupilNumbers } from './pupil-numbers';
import { referralJourney } from './referral-journey';
import type { Seed } from './seeded-random';
import { officeHoursOn } from './simulated-clock';
import { Simulation } from './simulation';
import { addDays, workingDayOnOrAfter } from './working-calendar';

/** What Team Around the School (Blackpool) counted (docs/domain.md); the cohort reproduces each number exactly. */
export const TEAM_AROUND_THE_SCHOOL = {
  referred: 422,
  notProgressed: 94,
  supported: 327,
  graduated: 163,
  leftWithoutGraduating: 94,
  active: 70,
  steppedUp: 1,
  withTwoOrMoreReadings: 87,
  progressedInFiveOrMoreAreas: 53,
  progressedInAtLeastOneArea: 86,
} as const;

export interface TeamAroundTheSchoolOptions {
  seed: Seed;
  /** The programme's first day; every episode opens within the year from it. Default 2024-09-02, a school year. */
  startOn?: string;
  schools?: number;
  subjectKey?: Buffer;
}

/** Supported families with two or more readings, by ending: how many progressed in 5+, in 1-4, and in none. */
const READINGS_BY_ENDING = {
  GRADUATED: { fiveOrMore: 40, oneToFour: 19, none: 1 },
  LEFT_WITHOUT_GRADUATING: { fiveOrMore: 10, oneToFour: 10, none: 0 },
  OPEN: { fiveOrMore: 3, oneToFour: 4, none: 0 },
} as const;

/**
 * Team Around the School's 422 early help episodes, asked for directly by schools, written out one by
 * one so that every count the evaluation published comes out exactly (the tests count them). The one
 * family stepped up becomes a 5D referral at the front door; its decision is not part of the cohort.
 */
export function generateTeamAroundTheSchoolCohort(options: TeamAroundTheSchoolOptions): Generator<EventEnvelope> {
  const startOn = options.startOn ?? '2024-09-02';
  const simulation = new Simulation(options.seed, options.subjectKey);
  const random = simulation.random;
  const la: LocalAuthority = {
    simulation,
    random,
    schools: schoolUrns(options.schools ?? DEFAULT_SCHOOLS),
    upns: new PupilNumbers(DFE_LA_CODE, 900),
    mayComeBack: () => undefined,
    stepUp: (stepUp) => simulation.schedule(stepUp.at, (now) => referralJourney(la, { at: now, child: null, stepUp, receiveOnly: true })),
  };
  // Nothing is recorded after eighteen months: the 70 still open are open then.
  const lastDay = addMonths(startOn, 18);
  const scripts = random.sample(cohortScripts(random.int.bind(random), lastDay), TEAM_AROUND_THE_SCHOOL.referred);
  for (const script of scripts) {
    const openedOn = workingDayOnOrAfter(addDays(startOn, random.int(0, 358)));
    const at = officeHoursOn(random, openedOn);
    simulation.schedule(at, (now) => {
      const schoolUrn = random.pick(la.schools);
      earlyHelpJourney(la, {
        episodeId: random.uuid(),
        origin: 'DIRECT_REQUEST',
        originId: null,
        child: null,
        person: fictionalChild(random, openedOn, schoolUrn, la.upns),
        schoolUrn,
        consentGiven: true,
        requestedByOrganisationId: schoolUrn,
        openedOn,
        at: now,
        opener: actors.school(schoolUrn),
        reason: 'Fictional: the school is worried about attendance and wellbeing.',
        script,
      });
    });
  }
  return simulation.run(Infinity);
}

const cohortScripts = (int: (min: number, max: number) => number, lastDay: string): EpisodeScript[] => {
  const counts = TEAM_AROUND_THE_SCHOOL;
  const scripts: EpisodeScript[] = [];
  const add = (count: number, script: () => EpisodeScript) => {
    for (let i = 0; i < count; i += 1) scripts.push({ ...script(), lastDay });
  };
  // Without a plan: at most one reading (a baseline at assessment, for some).
  add(counts.notProgressed, () => ({ ending: 'NOT_PROGRESSED', plan: false, readings: int(0, 2) === 0 ? 1 : 0, progressedIn: 0 }));
  add(counts.steppedUp, () => ({ ending: 'STEPPED_UP', plan: false, readings: 0, progressedIn: 0 }));
  const supported: [EpisodeScript['ending'], number][] = [
    ['GRADUATED', counts.graduated],
    ['LEFT_WITHOUT_GRADUATING', counts.leftWithoutGraduating],
    ['OPEN', counts.active],
  ];
  for (const [ending, total] of supported) {
    const withReadings = READINGS_BY_ENDING[ending as keyof typeof READINGS_BY_ENDING];
    add(withReadings.fiveOrMore, () => ({ ending, plan: true, readings: int(2, 4), progressedIn: int(5, 8) }));
    add(withReadings.oneToFour, () => ({ ending, plan: true, readings: int(2, 4), progressedIn: int(1, 4) }));
    add(withReadings.none, () => ({ ending, plan: true, readings: 2, progressedIn: 0 }));
    const rest = total - withReadings.fiveOrMore - withReadings.oneToFour - withReadings.none;
    add(rest, () => ({ ending, plan: true, readings: int(0, 1), progressedIn: 0 }));
  }
  return scripts;
};
