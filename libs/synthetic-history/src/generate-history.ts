import type { EventEnvelope } from '@csc/contracts';
import { addMonths } from '@csc/domain';
import { earlyHelpJourney } from './early-help-journey';
import { fictionalChild } from './fictional-people';
import { actors, DEFAULT_SCHOOLS, DFE_LA_CODE, LA_CODE, schoolUrns, type KnownChild, type LocalAuthority } from './local-authority';
import { PupilNumbers } from './pupil-numbers';
import { referralJourney } from './referral-journey';
import type { Seed, SeededRandom } from './seeded-random';
import { DAY, dayOf, startOfDay } from './simulated-clock';
import { Simulation } from './simulation';
import { TimedQueue, type Timed } from './timed-queue';

export interface HistoryOptions {
  /** Same seed and options, same events, byte for byte (ids, timestamps and sealed subjects included). */
  seed: Seed;
  /**
   * The first day of the history (YYYY-MM-DD); default 2024-04-01, the start of a census year, or
   * 2010-04-01 for a targetEvents run without years (see benchmarkDefaults).
   */
  startOn?: string;
  /** Referrals a year at the front door; default 6,000, a mid-sized local authority (more for a big targetEvents run). */
  referralsPerYear?: number;
  /** How many years to generate (default 1 unless targetEvents is given). */
  years?: number;
  /** Stop after this many events (benchmarks); years then run on as long as needed unless `years` is given. */
  targetEvents?: number;
  /** How many schools refer (URNs 100001 upwards); default 60. */
  schools?: number;
  /** Families asking early help directly each year (schools and practitioners); default a tenth of the referrals. */
  directRequestsPerYear?: number;
  /** Seals subjects with this key instead of the run's own (tests open them to check the format). */
  subjectKey?: Buffer;
}

export const DEFAULT_START_ON = '2024-04-01';
export const DEFAULT_REFERRALS_PER_YEAR = 6000;

/** Events per referral in a generated year, all services together (seed 1 gives 7.8). */
const EVENTS_PER_REFERRAL = 7.8;
const BENCHMARK_START_ON = '2010-04-01';
const BENCHMARK_YEARS = 12;

/**
 * A targetEvents run without years would otherwise run on for decades into the future, where Kafka
 * refuses its timestamps (more than an hour ahead): it starts in 2010 and the authority grows with the
 * target so that the events fit in about twelve years. Fixed dates, so the same options give the same events.
 */
const benchmarkDefaults = (targetEvents: number) => ({
  startOn: BENCHMARK_START_ON,
  referralsPerYear: Math.max(DEFAULT_REFERRALS_PER_YEAR, Math.ceil(targetEvents / (BENCHMARK_YEARS * EVENTS_PER_REFERRAL))),
});
const YEAR = 365.2425 * DAY;

/** Tuned so that about 22% of CIN referrals are re-referrals within 12 months, in the first year and after. */
const RETURN_SHARE = 0.43;
const RETURN_MEAN_DAYS = 75;
const WARM_START_BOOST = 1.7;

/**
 * A local authority's history of domain events, in the services' own shapes, in the order the
 * services would have recorded them. A generator: events are made as they are asked for, and only
 * what is still to come is held (open cases, children expected back), never what has been handed out.
 */
export function generateHistory(options: HistoryOptions): Generator<EventEnvelope> {
  const years = options.years ?? (options.targetEvents === undefined ? 1 : undefined);
  const defaults =
    years === undefined && options.targetEvents !== undefined
      ? benchmarkDefaults(options.targetEvents)
      : { startOn: DEFAULT_START_ON, referralsPerYear: DEFAULT_REFERRALS_PER_YEAR };
  const startOn = options.startOn ?? defaults.startOn;
  const referralsPerYear = options.referralsPerYear ?? defaults.referralsPerYear;
  const until = years === undefined ? Infinity : startOfDay(addMonths(startOn, Math.round(years * 12)));
  const simulation = new Simulation(options.seed, options.subjectKey);
  const random = simulation.random;
  const expectedBack = new TimedQueue<Timed & { child: KnownChild }>();
  let seq = 0;

  const la: LocalAuthority = {
    simulation,
    random,
    schools: schoolUrns(options.schools ?? DEFAULT_SCHOOLS),
    upns: new PupilNumbers(DFE_LA_CODE),
    mayComeBack: (child, end) => {
      if (random.chance(Math.min(0.95, RETURN_SHARE * warmStart(end)))) {
        expectedBack.push({ at: end + DAY * (3 + random.exponential(RETURN_MEAN_DAYS)), seq: seq++, child });
      }
    },
    stepUp: (stepUp) => simulation.schedule(stepUp.at, (now) => referralJourney(la, { at: now, child: null, stepUp })),
  };

  // Each arrival is the next child expected back if one is due, otherwise a child new to the front door.
  const start = startOfDay(startOn);
  // A real year has children coming back from the years before; a generated history has no past, so
  // at first children come back more often, standing in for those (tuned on re-referral shares).
  const warmStart = (at: number) => 1 + WARM_START_BOOST * Math.max(0, 1 - (at - start) / YEAR);
  const referralGap = YEAR / referralsPerYear;
  const arrive = (now: number) => {
    const due = expectedBack.peek();
    const child = due && due.at <= now ? expectedBack.pop()!.child : null;
    referralJourney(la, { at: now, child: child && !tooOld(child, now) ? child : null });
    simulation.schedule(nextArrival(random, now, referralGap, REFERRAL_HOURS), arrive);
  };
  simulation.schedule(nextArrival(random, start, referralGap, REFERRAL_HOURS), arrive);

  const directRequests = options.directRequestsPerYear ?? referralsPerYear / 10;
  if (directRequests > 0) {
    const requestGap = YEAR / directRequests;
    const request = (now: number) => {
      directRequest(la, now);
      simulation.schedule(nextArrival(random, now, requestGap, OFFICE_HOURS), request);
    };
    simulation.schedule(nextArrival(random, start, requestGap, OFFICE_HOURS), request);
  }

  // Handed straight back (not yield*-ed through another generator): one generator step less per event.
  return simulation.run(until, options.targetEvents ?? Infinity);
}

/** How busy the front door is by hour of the week (UTC is near enough): police refer at night and at weekends too. */
type HourWeights = (weekday: number, hour: number) => number;
const REFERRAL_HOURS: HourWeights = (weekday, hour) => (weekday === 0 || weekday === 6 ? 0.15 : hour >= 8 && hour < 18 ? 1 : 0.2);
const OFFICE_HOURS: HourWeights = (weekday, hour) => (weekday === 0 || weekday === 6 || hour < 8 || hour >= 17 ? 0 : 1);

/** The next arrival of a process averaging one per `meanGap`, shaped by the week (thinning: weights are at most 1). */
const nextArrival = (random: SeededRandom, after: number, meanGap: number, weights: HourWeights): number => {
  const averageWeight = weekAverage(weights);
  for (let at = after; ;) {
    at += Math.max(1, Math.round(random.exponential(meanGap * averageWeight)));
    const instant = new Date(at);
    if (random.next() < weights(instant.getUTCDay(), instant.getUTCHours())) return at;
  }
};

const averages = new Map<HourWeights, number>();
const weekAverage = (weights: HourWeights): number => {
  let average = averages.get(weights);
  if (average === undefined) {
    let total = 0;
    for (let weekday = 0; weekday < 7; weekday += 1) for (let hour = 0; hour < 24; hour += 1) total += weights(weekday, hour);
    average = total / (7 * 24);
    averages.set(weights, average);
  }
  return average;
};

/** Children's social care ends at 18: a child expected back after that is not referred again. */
const tooOld = (child: KnownChild, now: number): boolean => !child.person.unborn && now - startOfDay(child.person.birth) >= 18 * YEAR;

/** A school (mostly) or a practitioner asks early help directly, with the family's consent; the child index has not seen the child. */
const directRequest = (la: LocalAuthority, at: number): void => {
  const { random } = la;
  const fromSchool = random.chance(0.7);
  const schoolUrn = fromSchool ? random.pick(la.schools) : null;
  const openedOn = dayOf(at);
  earlyHelpJourney(la, {
    episodeId: random.uuid(),
    origin: 'DIRECT_REQUEST',
    originId: null,
    child: null,
    person: fictionalChild(random, openedOn, schoolUrn, la.upns),
    schoolUrn,
    consentGiven: true,
    requestedByOrganisationId: schoolUrn ?? LA_CODE,
    openedOn,
    at,
    opener: schoolUrn ? actors.school(schoolUrn) : actors.earlyHelp(random),
    reason: 'Fictional: the family asked for help with routines and attendance.',
  });
};
