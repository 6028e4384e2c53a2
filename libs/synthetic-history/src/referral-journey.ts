import type { ChildMatchedV1, CoarseChild, PrimaryNeed, ReferralDecidedV1, ReferralReceivedV2, ReferralSource } from '@csc/contracts';
import { ageInYears, nameBasedUuid } from '@csc/domain';
import { caseJourney } from './case-journey';
import { characteristicsOn, childAsOn } from './child-characteristics';
import { earlyHelpJourney } from './early-help-journey';
import { fictionalChild, fictionalConcern, fictionalReferrer, type FictionalChild } from './fictional-people';
import { askTheReferrer, decisionFor } from './front-door';
import { actors, LA_CODE, type KnownChild, type LocalAuthority, type StepUpReferral } from './local-authority';
import { FRONT_DOOR_SHARES, PRIMARY_NEED_MIX, REFERRAL_SOURCE_MIX } from './national-mix';
import { dayOf, HOUR, Timeline } from './simulated-clock';
import { workingDayOnOrAfter } from './working-calendar';
import type { Recorded } from './simulation';

export interface ReferralArrival {
  at: number;
  /** A child the front door has met before, or null for a new one. */
  child: KnownChild | null;
  stepUp?: StepUpReferral;
  /** Only what referral-intake records on receipt (the Team Around the School cohort stops there). */
  receiveOnly?: boolean;
}

/** Who refers, by source: a school by its URN, other agencies by a code, individuals by nobody. */
const referrerOrganisationOf = (source: ReferralSource, schoolUrn: string | null): string | null => {
  if (source === '2A') return schoolUrn;
  if (source === '6') return 'POLICE-ZZ';
  if (source.startsWith('3')) return 'NHS-ZZ-TRUST';
  if (source === '5C') return 'LA999';
  if (source.startsWith('5') || source === '2B') return LA_CODE;
  if (source === '4') return 'HOUSING-ZZ';
  if (source === '7') return 'LEGAL-ZZ';
  return null;
};

const REFERRER_ROLE: Record<string, string> = {
  '2A': 'Designated safeguarding lead',
  '6': 'Police officer',
  '5D': 'Early help lead practitioner',
};

/**
 * A referral at the front door, as referral-intake records it: received (with the child matched),
 * perhaps a question back to the referrer, then the decision; and what the decision sets off in the
 * other services (a case, an early help episode, joining the open case).
 */
export const referralJourney = (la: LocalAuthority, arrival: ReferralArrival): void => {
  const { random, simulation } = la;
  const stepUp = arrival.stepUp;
  const source: ReferralSource = stepUp ? '5D' : random.weighted(REFERRAL_SOURCE_MIX);
  const referralId = stepUp ? nameBasedUuid(`referral-from-early-help:${stepUp.episodeId}`) : random.uuid();
  const receivedAt = arrival.at;
  const referralDate = dayOf(receivedAt);

  const child =
    arrival.child ?? stepUp?.child ?? newChild(la, stepUp ? stepUp.person : null, stepUp?.schoolUrn ?? null, referralDate, referralId);
  const isNewChild = child.firstReferralId === referralId;
  if (source === '2A' && !child.schoolUrn) child.schoolUrn = random.pick(la.schools);
  // Born, or started school, since the front door last heard of the child.
  child.person = childAsOn(child.person, referralDate, la.upns, random, child.schoolUrn);
  const referrerOrganisationId = stepUp ? LA_CODE : referrerOrganisationOf(source, child.schoolUrn);
  const coarse: CoarseChild = {
    ageAtReferral: child.person.unborn ? null : Math.max(0, ageInYears(child.person.birth, referralDate)),
    unborn: child.person.unborn,
    sex: child.person.sex,
    schoolUrn: child.schoolUrn,
  };
  const consentGiven = stepUp ? stepUp.consentGiven : random.chance(FRONT_DOOR_SHARES.consentGiven);
  const received: ReferralReceivedV2 = {
    referralId,
    childId: child.childId,
    receivedAt: new Date(receivedAt).toISOString(),
    source,
    referrerOrganisationId,
    child: coarse,
    factors: stepUp ? [] : random.sample(['3B', '4B', '16A', '17A', '10A', '1B', '2B'], random.int(0, 2)),
    consent: { given: consentGiven },
    steppedUpFromEarlyHelpEpisodeId: stepUp?.episodeId ?? null,
    subject: {
      child: child.person.subject,
      // What a real authority's records hold by census time, the same on every referral of the child (or more).
      characteristics: characteristicsOn(child.person, referralDate),
      referrer: stepUp
        ? { name: stepUp.leadPractitioner ?? 'Early help', role: REFERRER_ROLE['5D'] }
        : fictionalReferrer(random, REFERRER_ROLE[source] ?? 'Referrer'),
      concernsSummary: stepUp ? stepUp.reason : fictionalConcern(random),
      ...(consentGiven ? {} : { consentNotRequiredReason: 'Fictional: seeking consent could put the child at risk.' }),
    },
  };
  const matched: ChildMatchedV1 = {
    referralId,
    childId: child.childId,
    rule: stepUp?.child
      ? 'EARLY_HELP_LINK'
      : isNewChild
        ? 'NEW_CHILD'
        : child.person.subject.nhsNumber
          ? 'NHS_NUMBER'
          : 'NAME_DATE_OF_BIRTH_DISTRICT',
    matchedExistingChild: !isNewChild,
    matchedReferralId: isNewChild || stepUp?.child ? null : child.firstReferralId,
    givenNameComparison: isNewChild || stepUp?.child || child.person.subject.nhsNumber ? null : 'SAME',
    nearMissChildIds: [],
  };
  const school = source === '2A' && child.schoolUrn ? child.schoolUrn : null;
  const referrerActor = stepUp ? actors.service('referral-intake') : school ? actors.school(school) : actors.frontDoor(random);
  const streamId = `referral-${referralId}`;
  const on = { streamId, childId: child.childId, kid: child.kid };
  const tl = new Timeline(random, receivedAt);
  simulation.append({ ...on, at: receivedAt, actor: referrerActor, causedBy: stepUp?.steppedUp }, [
    { type: 'ReferralReceived', data: received, occurredAt: receivedAt },
    { type: 'ChildMatched', data: matched },
  ]);

  if (arrival.receiveOnly) return;
  const informationRequestCount = askTheReferrer(la, tl, on, referralId, referrerOrganisationId, school);

  const decidedAt = tl.on(workingDayOnOrAfter(dayOf(tl.last + random.int(HOUR, 20 * HOUR))));
  const outcome = decisionFor(la, child, source, decidedAt, referralDate);
  const cinReferral = outcome === 'ACCEPTED_FOR_ASSESSMENT' || outcome === 'NFA';
  const primaryNeed: PrimaryNeed | null = cinReferral ? random.weighted(PRIMARY_NEED_MIX) : null;
  const decided: ReferralDecidedV1 = {
    referralId,
    childId: child.childId,
    outcome,
    decidedAt: new Date(decidedAt).toISOString(),
    referralDate,
    receivedAt: received.receivedAt,
    cinReferral,
    primaryNeed,
    source,
    referrerOrganisationId,
    child: coarse,
    consentGiven,
    informationRequestCount,
    steppedUpFromEarlyHelpEpisodeId: received.steppedUpFromEarlyHelpEpisodeId,
    subject: { child: child.person.subject, rationale: `Fictional rationale for ${outcome.toLowerCase().replace(/_/g, ' ')}.` },
  };
  const decision = simulation.append({ ...on, at: decidedAt, actor: actors.frontDoor(random), endsStream: true }, [
    { type: 'ReferralDecided', data: decided, occurredAt: decidedAt },
  ]);

  const end = afterTheDecision(la, tl, child, decided, decision, primaryNeed);
  if (end !== Infinity) la.mayComeBack(child, end);
};

const newChild = (
  la: LocalAuthority,
  person: FictionalChild | null,
  schoolUrn: string | null,
  on: string,
  referralId: string,
): KnownChild => {
  const { random } = la;
  const ageGuess = random.next();
  const school = schoolUrn ?? (ageGuess < 0.7 ? random.pick(la.schools) : null);
  const fictional = person ?? fictionalChild(random, on, school, la.upns);
  const schoolAge = !fictional.unborn && ageInYears(fictional.birth, on) >= 4 && ageInYears(fictional.birth, on) <= 16;
  return {
    childId: random.uuid(),
    kid: random.uuid(),
    person: fictional,
    schoolUrn: schoolAge ? school : null,
    firstReferralId: referralId,
    openCase: null,
    episodeUntil: 0,
  };
};

/** What the other services do with the decision; returns when the child's journey this time ends. */
const afterTheDecision = (
  la: LocalAuthority,
  tl: Timeline,
  child: KnownChild,
  decided: ReferralDecidedV1,
  decision: Recorded,
  primaryNeed: PrimaryNeed | null,
): number => {
  const causedBy = { eventId: decision.eventIds[0], correlationId: decision.correlationId };
  switch (decided.outcome) {
    case 'ALREADY_OPEN': {
      const open = child.openCase!;
      la.simulation.append(
        {
          streamId: open.streamId,
          childId: child.childId,
          kid: child.kid,
          at: tl.reaction(),
          actor: actors.service('case-progression'),
          causedBy,
        },
        [
          {
            type: 'ReferralAttachedToCase',
            data: {
              caseId: open.caseId,
              childId: child.childId,
              referralId: decided.referralId,
              referralDate: decided.referralDate,
              source: decided.source,
              referrerOrganisationId: decided.referrerOrganisationId,
            },
          },
        ],
      );
      return open.closesAt;
    }
    case 'ACCEPTED_FOR_ASSESSMENT':
      return caseJourney(la, {
        child,
        referralId: decided.referralId,
        referralDate: decided.referralDate,
        primaryNeed: primaryNeed!,
        source: decided.source as ReferralSource,
        referrerOrganisationId: decided.referrerOrganisationId,
        coarse: decided.child,
        consentGiven: decided.consentGiven,
        decidedAt: decision.at,
        causedBy,
      });
    case 'STEP_DOWN_TO_EARLY_HELP':
      return earlyHelpJourney(la, {
        episodeId: nameBasedUuid(`episode-for-referral:${decided.referralId}`),
        origin: 'REFERRAL_STEP_DOWN',
        originId: decided.referralId,
        child,
        person: child.person,
        schoolUrn: decided.child.schoolUrn,
        consentGiven: decided.consentGiven,
        requestedByOrganisationId: null,
        // As early-help dates it: the decision's instant, cut to its date.
        openedOn: decided.decidedAt.slice(0, 10),
        at: tl.reaction(),
        opener: actors.service('early-help'),
        causedBy,
      });
    default:
      return decision.at;
  }
};
