import type { AssessmentOutcome, CoarseChild, PrimaryNeed, ReasonForClosure, ReferralSource } from '@csc/contracts';
import { nameBasedUuid } from '@csc/domain';
import { birthRecord } from './birth-record';
import { planTheWork } from './case-plans';
import { CaseSteps, latestOf } from './case-steps';
import { earlyHelpJourney } from './early-help-journey';
import { actors, type KnownChild, type LocalAuthority } from './local-authority';
import { ASSESSMENT_FACTOR_MIX, CASE_SHARES } from './national-mix';
import { section47Enquiry } from './section-47-enquiry';
import type { Weighted } from './seeded-random';
import { dayOf, startOfDay, Timeline } from './simulated-clock';
import { addDays, addWorkingDays, workingDaysBetween } from './working-calendar';
import type { NewEvent, Recorded } from './simulation';

/** The services' timescale (case.decider.ts): an assessment authorised within 45 working days of the referral. */
const ASSESSMENT_TIMESCALE = 45;

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

/**
 * A CIN episode from the accepted referral to closure, as case-progression records it and as the CIN
 * census accepts it: one assessment, not before the referral (1103), perhaps a Section 47 enquiry
 * (section-47-enquiry.ts) and plans (case-plans.ts); closed only once all of it is over and dated no
 * earlier (8565, 8867, 8868), RC8 or RC9 only when the assessment was all there was (2990, 8825Q),
 * and factor 21 only on an assessment the case closes RC8 with (8869, 8873Q). Returns when it closes.
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
  const decisionDay = dayOf(referral.decidedAt);
  const startedOn = addWorkingDays(latestOf(decisionDay, referralDate), random.int(0, 2));
  const assessmentId = random.uuid();
  const target = random.chance(CASE_SHARES.assessmentWithin45WorkingDays)
    ? Math.round((random.int(8, ASSESSMENT_TIMESCALE) + random.int(20, ASSESSMENT_TIMESCALE)) / 2)
    : random.int(ASSESSMENT_TIMESCALE + 1, 85);
  let authorisedOn = addWorkingDays(referralDate, target);
  if (authorisedOn < startedOn) authorisedOn = addWorkingDays(startedOn, random.int(1, 5));

  const steps = new CaseSteps();
  steps.add(startedOn, 'assessmentStarted', [{ type: 'AssessmentStarted', data: { caseId, assessmentId, startedOn } }]);
  const enquiry = random.chance(CASE_SHARES.section47) ? section47Enquiry(la, steps, caseId, { startedOn, authorisedOn }) : null;
  // An enquiry alongside the assessment ends before it is authorised: a census year with the enquiry has the assessment too (2991Q).
  if (enquiry && !enquiry.assessmentLed) authorisedOn = latestOf(authorisedOn, enquiry.lastDay);

  // What the assessment concluded: RC8 (assessed not in need) about 30% of completed assessments.
  let outcome: AssessmentOutcome = 'CHILD_IN_NEED';
  if (enquiry?.assessmentLed) outcome = 'STRATEGY_DISCUSSION';
  else if (enquiry && !enquiry.icpcRequired && random.chance(CASE_SHARES.section47WithoutIcpcClosedNoFurtherAction))
    outcome = 'NO_FURTHER_ACTION';
  else if (!enquiry) {
    const roll = random.next();
    const episodeFree = child.episodeUntil < startOfDay(authorisedOn);
    if (roll < CASE_SHARES.assessedNoFurtherAction) outcome = 'NO_FURTHER_ACTION';
    else if (roll < CASE_SHARES.assessedNoFurtherAction + CASE_SHARES.assessedStepDown && episodeFree) outcome = 'STEP_DOWN_TO_EARLY_HELP';
  }
  // "Closed after assessment" (RC8, RC9) only when the assessment was all there was (2990), and on the day it
  // is authorised, so that the census year with the closure has the assessment too (8825Q).
  const closedAfterAssessment: ReasonForClosure | null = enquiry
    ? null
    : outcome === 'NO_FURTHER_ACTION'
      ? 'RC8'
      : outcome === 'STEP_DOWN_TO_EARLY_HELP' || random.chance(CASE_SHARES.closedToEarlyHelpAfterAssessment)
        ? 'RC9'
        : null;
  const factors = closedAfterAssessment === 'RC8' && random.chance(0.4) ? ['21'] : assessmentFactors(la);
  const workingDaysFromReferral = workingDaysBetween(referralDate, authorisedOn);
  const stepDown = outcome === 'STEP_DOWN_TO_EARLY_HELP';
  steps.add(
    authorisedOn,
    'assessmentCompleted',
    [
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
    ],
    (completed) => {
      if (stepDown) stepDownFromCase(la, tl, referral, caseId, authorisedOn, 'ASSESSMENT_STEP_DOWN', completed);
    },
  );

  // After the assessment: closed after it, soon after an enquiry that found nothing (RC7: RC8 cannot follow
  // one), or once the work with the family is over.
  const lastDay = latestOf(authorisedOn, enquiry?.lastDay ?? authorisedOn);
  let reason: ReasonForClosure;
  let closedOn: string;
  if (closedAfterAssessment) {
    closedOn = authorisedOn;
    // A family already in early help is not handed to it again.
    reason = closedAfterAssessment === 'RC9' && !stepDown && child.episodeUntil >= startOfDay(closedOn) ? 'RC7' : closedAfterAssessment;
  } else if (outcome === 'NO_FURTHER_ACTION') {
    reason = 'RC7';
    closedOn = addWorkingDays(lastDay, random.int(0, 5));
  } else {
    const work = planTheWork(la, steps, caseId, enquiry?.plan ?? null, lastDay);
    closedOn = addDays(work.endedOn, random.int(0, 21));
    reason = work.reason ?? random.weighted(CLOSURES_AFTER_WORK);
  }
  const birth = birthRecord(random, child, caseId, decisionDay);
  const birthAfterClosure = birth !== null && birth.recordedOn > closedOn;
  if (birth && !birthAfterClosure) steps.add(birth.recordedOn, 'childDetailsRecorded', [birth.event]);
  steps.record(tl, (at, events) => record(at, events));

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
    { endsStream: !birthAfterClosure },
  );
  child.openCase = { caseId, streamId, openedAt: opened.at, closesAt: closedAt, closedOn };
  const episodeEnd = handOver ? stepDownFromCase(la, tl, referral, caseId, closedOn, 'CASE_CLOSED_RC9', closure) : 0;
  if (birth && birthAfterClosure) record(tl.on(birth.recordedOn), [birth.event], { endsStream: true });
  return Math.max(closedAt, episodeEnd);
};

/** How a case ends once the work after its assessment is over: never RC8 or RC9, which mean closed after assessment (2990). */
const CLOSURES_AFTER_WORK: Weighted<ReasonForClosure>[] = [
  { value: 'RC7', weight: 90 },
  { value: 'RC5', weight: 6 },
  { value: 'RC3', weight: 3 },
  { value: 'RC4', weight: 1 },
];

/** One to three different factors, never 21 (used alone, and only where the case closes RC8: 8869, 8873Q). */
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
