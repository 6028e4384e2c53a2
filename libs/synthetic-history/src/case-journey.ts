import type { AssessmentOutcome, CoarseChild, PrimaryNeed, ReasonForClosure, ReferralSource } from '@csc/contracts';
import { addMonths, nameBasedUuid } from '@csc/domain';
import { earlyHelpJourney } from './early-help-journey';
import { fictionalPractitioner } from './fictional-people';
import { actors, type KnownChild, type LocalAuthority } from './local-authority';
import { ABUSE_CATEGORY_MIX, ASSESSMENT_FACTOR_MIX, CASE_SHARES } from './national-mix';
import { startOfDay, Timeline } from './simulated-clock';
import { addDays, addWorkingDays, workingDayOnOrAfter, workingDaysBetween } from './working-calendar';
import type { Weighted } from './seeded-random';
import type { NewEvent, Recorded } from './simulation';

/** The services' timescales (case.decider.ts): assessment within 45 working days, ICPC within 15. */
const ASSESSMENT_TIMESCALE = 45;
const ICPC_TIMESCALE = 15;

export interface AcceptedReferral {
  child: KnownChild;
  referralId: string;
  referralDate: string;
  primaryNeed: PrimaryNeed;
  source: ReferralSource;
  referrerOrganisationId: string | null;
  coarse: CoarseChild;
  consentGiven: boolean;
  decidedAt: number;
  causedBy: { eventId: string; correlationId: string };
}

interface DatedStep {
  day: string;
  order: number;
  record: () => void;
}

/**
 * A CIN episode from the accepted referral to closure, as case-progression records it, keeping the
 * census rules its decider enforces: assessment not before the referral (1103), ICPC on a working day
 * (8875), nothing after RC8/RC9 (2990), plans ended before closure, a CP plan never one day long
 * (8840). Timeliness is computed with the services' own working-day function. Returns when it closes.
 */
export const caseJourney = (la: LocalAuthority, referral: AcceptedReferral): number => {
  const { random, simulation } = la;
  const { child, referralDate } = referral;
  const caseId = nameBasedUuid(`case-for-referral:${referral.referralId}`);
  const streamId = `case-${caseId}`;
  const tl = new Timeline(random, referral.decidedAt);
  const worker = actors.socialWorker(random);
  const record = (
    at: number,
    events: NewEvent[],
    extra: { causedBy?: AcceptedReferral['causedBy']; endsStream?: boolean } = {},
  ): Recorded =>
    simulation.append(
      {
        streamId,
        childId: child.childId,
        kid: child.kid,
        at,
        actor: extra.causedBy ? actors.service('case-progression') : worker,
        ...extra,
      },
      events,
    );
  const namedSocialWorker = () => ({ name: `${fictionalPractitioner(random)} (fictional)`, team: 'Fictional Locality Team' });

  const opened = record(
    tl.reaction(),
    [
      {
        type: 'CaseOpened',
        data: {
          caseId,
          childId: child.childId,
          referralId: referral.referralId,
          referralDate,
          primaryNeed: referral.primaryNeed,
          source: referral.source,
          referrerOrganisationId: referral.referrerOrganisationId,
          child: referral.coarse,
          consentGiven: referral.consentGiven,
          subject: { child: child.person.subject },
        },
      },
    ],
    { causedBy: referral.causedBy },
  );
  // Later referrals while this is open join it instead of opening another (see referral-journey.ts).
  child.openCase = { caseId, streamId, openedAt: opened.at, closesAt: Infinity, closedOn: '9999-12-31' };

  // The assessment: about 86% authorised within 45 working days of the referral (day 0).
  const decisionDay = new Date(referral.decidedAt).toISOString().slice(0, 10);
  const startedOn = addWorkingDays(decisionDay < referralDate ? referralDate : decisionDay, random.int(0, 2));
  const assessmentId = random.uuid();
  const target = random.chance(CASE_SHARES.assessmentWithin45WorkingDays)
    ? Math.round((random.int(8, ASSESSMENT_TIMESCALE) + random.int(20, ASSESSMENT_TIMESCALE)) / 2)
    : random.int(ASSESSMENT_TIMESCALE + 1, 85);
  let authorisedOn = addWorkingDays(referralDate, target);
  if (authorisedOn < startedOn) authorisedOn = addWorkingDays(startedOn, random.int(1, 5));

  const steps: DatedStep[] = [];
  const step = (day: string, order: number, recordStep: () => void) => steps.push({ day, order, record: recordStep });
  step(startedOn, 0, () => record(tl.on(startedOn), [{ type: 'AssessmentStarted', data: { caseId, assessmentId, startedOn } }]));

  // Section 47: a strategy discussion starts it; a third of them call for an initial conference.
  const section47 = random.chance(CASE_SHARES.section47);
  const assessmentLed = section47 && random.chance(0.3);
  const icpcRequired = section47 && random.chance(CASE_SHARES.icpcAfterSection47);
  let icpcOn: string | null = null;
  let protectionPlan: ProtectionPlan | null = null;
  let lastDay = authorisedOn;
  if (section47) {
    const strategyOn = assessmentLed ? addWorkingDays(authorisedOn, random.int(1, 3)) : addWorkingDays(referralDate, random.int(0, 2));
    const icpcAfter = random.chance(CASE_SHARES.icpcWithin15WorkingDays)
      ? random.int(5, ICPC_TIMESCALE)
      : random.int(ICPC_TIMESCALE + 1, 30);
    const concludedOn = addWorkingDays(strategyOn, icpcRequired ? random.int(2, icpcAfter) : random.int(3, 12));
    const section47Id = random.uuid();
    step(strategyOn, 1, () =>
      record(tl.on(strategyOn), [
        { type: 'StrategyDiscussionHeld', data: { caseId, strategyDiscussionId: random.uuid(), heldOn: strategyOn, section47Id } },
      ]),
    );
    step(concludedOn, 2, () =>
      record(tl.on(concludedOn), [{ type: 'Section47Concluded', data: { caseId, section47Id, concludedOn, icpcRequired } }]),
    );
    lastDay = max(lastDay, concludedOn);
    if (icpcRequired) {
      // addWorkingDays lands on a working day: never a weekend or bank holiday (8875).
      const heldOn = addWorkingDays(strategyOn, icpcAfter);
      icpcOn = heldOn;
      const planStarted = random.chance(CASE_SHARES.planAtIcpc);
      const workingDays = workingDaysBetween(strategyOn, heldOn);
      const conferenceId = random.uuid();
      const planId = random.uuid();
      const category = random.weighted(ABUSE_CATEGORY_MIX);
      step(heldOn, 3, () => {
        const events: NewEvent[] = [
          {
            type: 'ChildProtectionConferenceHeld',
            data: {
              caseId,
              conferenceId,
              heldOn,
              section47Id,
              childProtectionPlan: planStarted,
              workingDaysFromStrategyDiscussion: workingDays,
              withinTimescale: workingDays <= ICPC_TIMESCALE,
            },
          },
        ];
        if (planStarted) {
          events.push({
            type: 'ChildProtectionPlanStarted',
            data: { caseId, planId, conferenceId, startedOn: heldOn, category, namedSocialWorker: namedSocialWorker() },
          });
        }
        record(tl.on(heldOn), events);
      });
      if (planStarted) protectionPlan = { planId, category };
      lastDay = max(lastDay, heldOn);
    }
  }

  // What the assessment concluded; RC8 (assessed not in need) about 30% of completed assessments.
  const episodeFree = child.episodeUntil < startOfDay(authorisedOn);
  let outcome: AssessmentOutcome = 'CHILD_IN_NEED';
  if (assessmentLed) outcome = 'STRATEGY_DISCUSSION';
  else if (section47 && !icpcRequired && random.chance(CASE_SHARES.section47WithoutIcpcClosedNoFurtherAction))
    outcome = 'NO_FURTHER_ACTION';
  else if (!section47) {
    const roll = random.next();
    if (roll < CASE_SHARES.assessedNoFurtherAction) outcome = 'NO_FURTHER_ACTION';
    else if (roll < CASE_SHARES.assessedNoFurtherAction + CASE_SHARES.assessedStepDown && episodeFree) outcome = 'STEP_DOWN_TO_EARLY_HELP';
  }
  const factors = outcome === 'NO_FURTHER_ACTION' && random.chance(0.4) ? ['21'] : assessmentFactors(la);
  const workingDaysFromReferral = workingDaysBetween(referralDate, authorisedOn);
  const stepDown = outcome === 'STEP_DOWN_TO_EARLY_HELP';
  step(authorisedOn, 4, () => {
    const completed = record(tl.on(authorisedOn), [
      {
        type: 'AssessmentCompleted',
        data: {
          caseId,
          assessmentId,
          authorisedOn,
          factors,
          outcome,
          workingDaysFromReferral,
          withinTimescale: workingDaysFromReferral <= ASSESSMENT_TIMESCALE,
          stepDown: stepDown
            ? { schoolUrn: referral.coarse.schoolUrn, consentGiven: referral.consentGiven, sex: referral.coarse.sex }
            : null,
          subject: stepDown ? { child: child.person.subject } : null,
        },
      },
    ]);
    if (stepDown) stepDownFromCase(la, tl, referral, caseId, authorisedOn, 'ASSESSMENT_STEP_DOWN', completed);
  });

  steps.sort((a, b) => a.day.localeCompare(b.day) || a.order - b.order);
  for (const dated of steps) dated.record();

  // After the assessment: closed at once (RC8, or RC9 when stepped down), or plans first.
  let reason: ReasonForClosure;
  let closedOn: string;
  if (outcome === 'NO_FURTHER_ACTION' || stepDown) {
    reason = stepDown ? 'RC9' : 'RC8';
    closedOn = addWorkingDays(lastDay, random.int(0, 5));
  } else {
    const plans = laterPlans(la, tl, record, caseId, icpcOn, protectionPlan, lastDay, namedSocialWorker);
    closedOn = addDays(plans.endedOn, random.int(0, 21));
    reason = plans.reason ?? random.weighted(CLOSURES_AFTER_WORK);
    if (reason === 'RC9' && child.episodeUntil >= startOfDay(closedOn)) reason = 'RC7';
  }
  const handOver = reason === 'RC9' && !stepDown;
  const closedAt = tl.on(closedOn);
  const closure = record(
    closedAt,
    [
      {
        type: 'CaseClosed',
        data: {
          caseId,
          closedOn,
          reason,
          referralDate,
          // Stepped down at assessment already: not handed over a second time (case.decider.ts).
          stepDown: handOver
            ? { schoolUrn: referral.coarse.schoolUrn, consentGiven: referral.consentGiven, sex: referral.coarse.sex }
            : null,
          subject: handOver ? { child: child.person.subject } : null,
        },
      },
    ],
    { endsStream: true },
  );
  child.openCase = { caseId, streamId, openedAt: opened.at, closesAt: closedAt, closedOn };
  const episodeEnd = handOver ? stepDownFromCase(la, tl, referral, caseId, closedOn, 'CASE_CLOSED_RC9', closure) : 0;
  return Math.max(closedAt, episodeEnd);
};

/** How a case ends once its plans are over (RC9 hands the family to early help). */
const CLOSURES_AFTER_WORK: Weighted<ReasonForClosure>[] = [
  { value: 'RC7', weight: 80 },
  { value: 'RC9', weight: CASE_SHARES.closedToEarlyHelp * 100 },
  { value: 'RC5', weight: 5 },
  { value: 'RC3', weight: 2 },
  { value: 'RC4', weight: 1 },
];

/** Why being looked after ended (the looked-after return's reason codes), and the case closure it leads to. */
const LOOKED_AFTER_ENDINGS: Weighted<[string, ReasonForClosure]>[] = [
  { value: ['E13', 'RC7'], weight: 45 },
  { value: ['E11', 'RC1'], weight: 15 },
  { value: ['E45', 'RC4'], weight: 20 },
  { value: ['E41', 'RC3'], weight: 20 },
];

interface ProtectionPlan {
  planId: string;
  category: string;
}

const max = (a: string, b: string) => (a > b ? a : b);

const assessmentFactors = (la: LocalAuthority): string[] => {
  const factors = new Set<string>();
  const count = la.random.int(1, 3);
  for (let i = 0; i < count; i += 1) factors.add(la.random.weighted(ASSESSMENT_FACTOR_MIX));
  return [...factors];
};

/** Early help takes the family over from the case (one episode per case: early-help derives its id from the case's). */
const stepDownFromCase = (
  la: LocalAuthority,
  tl: Timeline,
  referral: AcceptedReferral,
  caseId: string,
  openedOn: string,
  origin: 'ASSESSMENT_STEP_DOWN' | 'CASE_CLOSED_RC9',
  cause: Recorded,
): number =>
  earlyHelpJourney(la, {
    episodeId: nameBasedUuid(`episode-for-case:${caseId}`),
    origin,
    originId: caseId,
    child: referral.child,
    person: referral.child.person,
    schoolUrn: referral.coarse.schoolUrn,
    consentGiven: referral.consentGiven,
    requestedByOrganisationId: null,
    openedOn,
    at: tl.reaction(),
    opener: actors.service('early-help'),
    causedBy: { eventId: cause.eventIds[0], correlationId: cause.correlationId },
  });

/**
 * The plans after the assessment, in the order the census allows: a CP plan reviewed at 3 months and
 * then at most every 6, never ending the day it started; perhaps looked after; a CIN plan only once
 * no CP plan is open (4001). Returns the day the work ended and, when being looked after ended it, the reason.
 */
const laterPlans = (
  la: LocalAuthority,
  tl: Timeline,
  record: (at: number, events: NewEvent[]) => Recorded,
  caseId: string,
  icpcOn: string | null,
  plan: ProtectionPlan | null,
  lastDay: string,
  namedSocialWorker: () => { name: string; team: string },
): { endedOn: string; reason: ReasonForClosure | null } => {
  const { random } = la;
  let endedOn = lastDay;
  let childInNeedPlan = !plan && random.chance(CASE_SHARES.childInNeedPlan);
  if (plan && icpcOn) {
    const roll = random.next();
    const length =
      roll < 0.1 ? random.int(30, 89) : roll < 0.5 ? random.int(90, 364) : roll < 0.9 ? random.int(365, 700) : random.int(701, 900);
    const lookedAfter = random.chance(CASE_SHARES.lookedAfterOnPlan) && length > 60;
    const planEndsOn = lookedAfter ? addDays(icpcOn, random.int(14, Math.min(length - 1, 180))) : addDays(icpcOn, length);
    for (
      let review = workingDayOnOrAfter(addMonths(icpcOn, 3));
      review < planEndsOn;
      review = workingDayOnOrAfter(addDays(addMonths(review, 6), -random.int(3, 14)))
    ) {
      const heldOn = review;
      record(tl.on(heldOn), [
        { type: 'ChildProtectionPlanReviewed', data: { caseId, planId: plan.planId, heldOn, latestCategory: plan.category } },
      ]);
    }
    record(tl.on(planEndsOn), [{ type: 'ChildProtectionPlanEnded', data: { caseId, planId: plan.planId, endedOn: planEndsOn } }]);
    endedOn = planEndsOn;
    if (lookedAfter) {
      const periodId = random.uuid();
      const startedOn = planEndsOn;
      record(tl.on(startedOn), [
        { type: 'BecameLookedAfter', data: { caseId, periodId, startedOn, legalStatus: random.pick(['C2', 'J2', 'V2']) } },
      ]);
      const ceasedOn = addDays(startedOn, random.int(180, 900));
      const ending = random.weighted(LOOKED_AFTER_ENDINGS);
      record(tl.on(ceasedOn), [{ type: 'CeasedToBeLookedAfter', data: { caseId, periodId, endedOn: ceasedOn, reason: ending[0] } }]);
      return { endedOn: ceasedOn, reason: ending[1] };
    }
    childInNeedPlan = random.chance(CASE_SHARES.childInNeedPlanAfterProtection);
  }
  if (childInNeedPlan) {
    const planId = random.uuid();
    const startedOn = addDays(endedOn, random.int(0, 14));
    const planEndsOn = addDays(startedOn, random.int(60, 365));
    record(tl.on(startedOn), [
      { type: 'ChildInNeedPlanStarted', data: { caseId, planId, startedOn, namedSocialWorker: namedSocialWorker() } },
    ]);
    record(tl.on(planEndsOn), [{ type: 'ChildInNeedPlanEnded', data: { caseId, planId, endedOn: planEndsOn } }]);
    endedOn = planEndsOn;
  } else if (!plan) {
    endedOn = addDays(endedOn, random.int(20, 120));
  }
  return { endedOn, reason: null };
};
