import { OUTCOME_AREA_CODES, type Actor, type EarlyHelpOutcome, type EpisodeOrigin } from '@csc/contracts';
import { fictionalPractitioner, type FictionalChild } from './fictional-people';
import { actors, type KnownChild, type LocalAuthority } from './local-authority';
import { EARLY_HELP_ENDINGS } from './national-mix';
import { ladderReadings } from './outcomes-ladder';
import type { Weighted } from './seeded-random';
import { DAY, dayOf, startOfDay, Timeline } from './simulated-clock';
import { addDays } from './working-calendar';

/**
 * How an episode will go. The main history draws one at random; the Team Around the School cohort
 * writes each one out so that its counts come out exactly. OPEN: still running at `lastDay`.
 */
export interface EpisodeScript {
  ending: EarlyHelpOutcome | 'OPEN';
  plan: boolean;
  /** How many OutcomesLadderScored readings. */
  readings: number;
  /** In how many areas the last reading is higher than the first (see outcomes-ladder.ts). */
  progressedIn: number;
  /** Nothing is recorded after this day (the cohort's "as at" date). */
  lastDay?: string;
}

export interface EpisodeStart {
  episodeId: string;
  origin: EpisodeOrigin;
  originId: string | null;
  /** The child as the front door knows them; null for a direct request the child index has not seen. */
  child: KnownChild | null;
  person: FictionalChild;
  schoolUrn: string | null;
  consentGiven: boolean;
  requestedByOrganisationId: string | null;
  openedOn: string;
  at: number;
  opener: Actor;
  causedBy?: { eventId: string; correlationId: string };
  reason?: string;
  script?: EpisodeScript;
}

/**
 * An early help episode as early-help records it: opened (a step-down or a direct request), assessed,
 * a team around the family, a plan, outcomes ladder readings and reviews, and an ending; a step-up
 * hands the family back to the front door as a 5D referral. Returns when it closes (Infinity if open).
 */
export const earlyHelpJourney = (la: LocalAuthority, start: EpisodeStart): number => {
  const { random, simulation } = la;
  const script = start.script ?? randomScript(la);
  const streamId = `episode-${start.episodeId}`;
  const childId = start.child?.childId ?? null;
  // Sealed with the child's key, or the stream's own while the child is unknown (as the services do).
  const kid = start.child?.kid ?? random.uuid();
  const practitioner = actors.earlyHelp(random);
  const tl = new Timeline(random, start.at);
  const record = (
    at: number,
    actor: Actor,
    events: Parameters<typeof simulation.append>[1],
    extra: { endsStream?: boolean; causedBy?: EpisodeStart['causedBy'] } = {},
  ) => simulation.append({ streamId, childId, kid, at, actor, ...extra }, events);
  const episodeId = start.episodeId;
  const lastDay = script.lastDay ?? '9999-12-31';
  if (start.child) start.child.episodeUntil = Infinity;

  record(
    start.at,
    start.opener,
    [
      {
        type: 'EarlyHelpEpisodeOpened',
        data: {
          episodeId,
          childId,
          openedOn: start.openedOn,
          origin: start.origin,
          originId: start.originId,
          requestedByOrganisationId: start.requestedByOrganisationId,
          sex: start.person.sex,
          schoolUrn: start.schoolUrn,
          consentGiven: start.consentGiven,
          subject: { child: start.person.subject, ...(start.reason ? { reason: start.reason } : {}) },
        },
      },
    ],
    { causedBy: start.causedBy },
  );

  const needs = random.sample(OUTCOME_AREA_CODES, random.int(1, 4));
  const assessed = script.plan || script.readings > 0 || random.chance(0.6);
  const completedOn = addDays(start.openedOn, random.int(5, 25));
  let day = start.openedOn;
  if (assessed) {
    record(tl.on(completedOn), practitioner, [{ type: 'EarlyHelpAssessmentCompleted', data: { episodeId, completedOn, needs } }]);
    day = completedOn;
  }
  const leadPractitioner = `${fictionalPractitioner(random)} (fictional)`;
  let team = false;
  if (assessed && random.chance(script.plan ? 0.85 : 0.3)) {
    // early-help dates the team by the day it is recorded.
    const formedAt = tl.on(addDays(day, random.int(0, 10)));
    team = true;
    record(formedAt, practitioner, [
      {
        type: 'TeamAroundTheFamilyFormed',
        data: {
          episodeId,
          formedOn: dayOf(formedAt),
          memberCount: 3,
          subject: { leadPractitioner, members: [leadPractitioner, 'Fictional school nurse', 'Fictional family worker'] },
        },
      },
    ]);
    day = dayOf(formedAt);
  }

  // Every reading scores all ten areas (the contract's record is exhaustive); the needs come first,
  // as the areas a family most often progresses in.
  const areas = [
    ...needs,
    ...random.sample(
      OUTCOME_AREA_CODES.filter((area) => !needs.includes(area)),
      OUTCOME_AREA_CODES.length,
    ),
  ];
  const readings = script.readings > 0 ? ladderReadings(random, areas, script.readings, script.progressedIn) : [];

  let endDay: string;
  if (script.plan) {
    const agreedOn = addDays(day, random.int(0, 14));
    record(tl.on(agreedOn), practitioner, [
      {
        type: 'EarlyHelpPlanAgreed',
        data: { episodeId, agreedOn, goalCount: 2, subject: { goals: ['Fictional goal one', 'Fictional goal two'] } },
      },
    ]);
    endDay = minDay(addDays(agreedOn, random.int(90, 300)), lastDay);
    // Readings spread from the plan to the end; reviews every six to ten weeks between.
    const span = Math.max(1, Math.round((startOfDay(endDay) - startOfDay(agreedOn)) / DAY) - 1);
    const readingDays = readings.map((_, index) => addDays(agreedOn, Math.floor((index * span) / Math.max(1, readings.length - 1))));
    const reviewDays: string[] = [];
    for (let review = addDays(agreedOn, random.int(42, 70)); review < endDay; review = addDays(review, random.int(42, 70)))
      reviewDays.push(review);
    const dated = [
      ...readingDays.map((scoredOn, index) => ({ day: scoredOn, order: 0, index })),
      ...reviewDays.map((heldOn) => ({ day: heldOn, order: 1, index: -1 })),
    ].sort((a, b) => a.day.localeCompare(b.day) || a.order - b.order);
    for (const item of dated) {
      if (item.order === 0) {
        record(tl.on(item.day), practitioner, [
          { type: 'OutcomesLadderScored', data: { episodeId, scoredOn: item.day, scores: readings[item.index] } },
        ]);
      } else {
        record(tl.on(item.day), practitioner, [{ type: 'EarlyHelpReviewed', data: { episodeId, heldOn: item.day } }]);
      }
    }
  } else {
    if (readings.length > 0) {
      record(tl.on(day), practitioner, [{ type: 'OutcomesLadderScored', data: { episodeId, scoredOn: day, scores: readings[0] } }]);
    }
    endDay = minDay(addDays(day, random.int(14, 60)), lastDay);
  }

  if (script.ending === 'OPEN') return Infinity;
  const endedAt = tl.on(endDay);
  const closedOn = dayOf(endedAt);
  if (script.ending === 'STEPPED_UP') {
    const reason = 'Fictional: needs have grown beyond early help.';
    const steppedUp = record(
      endedAt,
      practitioner,
      [
        {
          type: 'EarlyHelpSteppedUp',
          data: {
            episodeId,
            childId,
            steppedUpAt: new Date(endedAt).toISOString(),
            sex: start.person.sex,
            schoolUrn: start.schoolUrn,
            consentGiven: start.consentGiven,
            subject: { child: start.person.subject, reason, ...(team ? { leadPractitioner } : {}) },
          },
        },
        { type: 'EarlyHelpEpisodeClosed', data: { episodeId, closedOn, outcome: 'STEPPED_UP', hadPlan: script.plan } },
      ],
      { endsStream: true },
    );
    la.stepUp({
      at: tl.reaction(),
      episodeId,
      child: start.child,
      person: start.person,
      schoolUrn: start.schoolUrn,
      consentGiven: start.consentGiven,
      reason,
      leadPractitioner: team ? leadPractitioner : null,
      steppedUp: { eventId: steppedUp.eventIds[0], correlationId: steppedUp.correlationId },
    });
  } else {
    record(
      endedAt,
      practitioner,
      [{ type: 'EarlyHelpEpisodeClosed', data: { episodeId, closedOn, outcome: script.ending, hadPlan: script.plan } }],
      {
        endsStream: true,
      },
    );
  }
  if (start.child) start.child.episodeUntil = endedAt;
  return endedAt;
};

const minDay = (a: string, b: string) => (a < b ? a : b);

const ENDINGS_WITHOUT_A_PLAN: Weighted<EpisodeScript['ending']>[] = [
  { value: 'NOT_PROGRESSED', weight: 75 },
  { value: 'MOVED_AWAY', weight: 15 },
  { value: 'STEPPED_UP', weight: 10 },
];

const randomScript = (la: LocalAuthority): EpisodeScript => {
  const { random } = la;
  if (random.chance(0.2)) {
    const ending = random.weighted(ENDINGS_WITHOUT_A_PLAN);
    return { ending, plan: false, readings: random.chance(0.3) ? 1 : 0, progressedIn: 0 };
  }
  const ending = random.weighted(EARLY_HELP_ENDINGS);
  const readings = random.int(1, 4);
  const progressedIn = readings < 2 ? 0 : ending === 'GRADUATED' ? random.int(2, 6) : random.int(0, 3);
  return { ending, plan: true, readings, progressedIn };
};
