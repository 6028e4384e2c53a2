import { addWorkingDays, type CalendarDate } from '@csc/domain';
import type { CaseRecord, ChildRecord, ReferralRecord } from '../../child-records/domain/child-record';
import { laChildIdOf } from '../../child-records/domain/la-child-id';
import type { CensusChild, CensusCpPlan, CensusReturn, CensusSection47, CinDetails, CollectionYear } from './census-return';

/** Working days from the strategy discussion (day 0) by which the initial conference should be held. */
const ICPC_TIMESCALE_WORKING_DAYS = 15;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** A date inside the year, or null: what happened after 31 March is not this return's. */
const byYearEnd = (date: CalendarDate | null, year: CollectionYear) => (date !== null && date <= year.end ? date : null);
const openDuring = (start: CalendarDate, end: CalendarDate | null, year: CollectionYear) =>
  start <= year.end && (end === null || end >= year.start);

/**
 * The return for a collection year, from the children's records: every child with a CIN episode
 * open at any time in the year (1 April to 31 March), each CIN referral (accepted, or closed with no
 * further action) as a CINdetails block, and in it what was open or happened in the year. Facts dated
 * after 31 March are not yet facts for this return (an assessment authorised in April is still open
 * at the reference date). Pure: the same records give the same return.
 */
export const censusReturnOf = (records: ChildRecord[], year: CollectionYear, laCode: string): CensusReturn =>
  censusReturnFrom(
    records.map((record) => censusChildOf(record, year)),
    year,
    laCode,
  );

/** The return from its children as each was made (null: not in the year), in LAchildID order. */
export const censusReturnFrom = (children: (CensusChild | null)[], year: CollectionYear, laCode: string): CensusReturn => ({
  year,
  laCode,
  children: children.filter((child): child is CensusChild => child !== null).sort((a, b) => compare(a.laChildId, b.laChildId)),
});

export const censusChildOf = (record: ChildRecord, year: CollectionYear): CensusChild | null => {
  const episodes = [
    ...record.cases
      .filter((item) => openDuring(item.referralDate, byYearEnd(item.closedOn, year), year))
      .map((item) => caseEpisode(item, record, year)),
    ...record.referrals.filter((item) => isNfaInYear(item, year)).map(nfaEpisode),
    ...record.referrals.filter((item) => isAcceptedAwaitingCase(item, year)).map(acceptedEpisode),
  ].sort((a, b) => compare(`${a.cinReferralDate}/${a.referralId}`, `${b.cinReferralDate}/${b.referralId}`));
  if (episodes.length === 0) return null;
  const { identity } = record;
  // A child born after 31 March was unborn at the reference date (rule 8520): the birth date stands in as the expected one.
  const bornByYearEnd = byYearEnd(identity.dateOfBirth, year);
  const expected = bornByYearEnd ? null : (identity.expectedDateOfBirth ?? identity.dateOfBirth);
  const unborn = bornByYearEnd === null && expected !== null;
  return {
    childId: record.childId,
    laChildId: laChildIdOf(record.childId),
    upn: identity.upn,
    formerUpn: identity.formerUpn,
    upnUnknownReason: identity.upn ? null : identity.upnUnknownReason,
    personBirthDate: bornByYearEnd,
    expectedPersonBirthDate: expected,
    // The census counts an unborn child's sex as unknown whatever a scan suggested (rule 8750).
    sex: unborn ? 'U' : identity.sex,
    personDeathDate: byYearEnd(identity.dateOfDeath, year),
    ethnicity: identity.ethnicity,
    disabilities: identity.disabilities ?? [],
    episodes,
    unreadableSubjects: record.unreadableSubjects,
  };
};

const isNfaInYear = (referral: ReferralRecord, year: CollectionYear) =>
  referral.outcome === 'NFA' && referral.referralDate >= year.start && referral.referralDate <= year.end;

/**
 * Accepted, but the case it opens has not reached this service yet: a CIN episode of its own year.
 * Not of later years: a case that never came (its decision dead-lettered) must not haunt every return.
 */
const isAcceptedAwaitingCase = (referral: ReferralRecord, year: CollectionYear) =>
  referral.outcome === 'ACCEPTED_FOR_ASSESSMENT' &&
  referral.caseId === null &&
  referral.referralDate >= year.start &&
  referral.referralDate <= year.end;

const nfaEpisode = (referral: ReferralRecord): CinDetails => ({
  ...emptyEpisode(referral),
  referralNfa: true,
});

const acceptedEpisode = (referral: ReferralRecord): CinDetails => emptyEpisode(referral);

const emptyEpisode = (referral: ReferralRecord): CinDetails => ({
  referralId: referral.referralId,
  caseId: null,
  cinReferralDate: referral.referralDate,
  referralSource: referral.source,
  primaryNeedCode: referral.primaryNeed,
  cinClosureDate: null,
  reasonForClosure: null,
  dateOfInitialCpc: null,
  assessments: [],
  cinPlans: [],
  section47s: [],
  referralNfa: false,
  cpPlans: [],
});

const caseEpisode = (item: CaseRecord, record: ChildRecord, year: CollectionYear): CinDetails => {
  const closedOn = byYearEnd(item.closedOn, year);
  const conferenceWithoutEnquiry = item.conferences
    .filter((conference) => conference.section47Id === null && conference.heldOn >= year.start && conference.heldOn <= year.end)
    .sort((a, b) => compare(a.heldOn, b.heldOn))[0];
  return {
    referralId: item.referralId,
    caseId: item.caseId,
    cinReferralDate: item.referralDate,
    referralSource: item.source,
    primaryNeedCode: item.primaryNeed,
    cinClosureDate: closedOn,
    reasonForClosure: closedOn ? item.closureReason : null,
    dateOfInitialCpc: conferenceWithoutEnquiry?.heldOn ?? null,
    assessments: item.assessments
      .filter((assessment) => openDuring(assessment.startedOn, byYearEnd(assessment.authorisedOn, year), year))
      .map((assessment) => {
        const authorisationDate = byYearEnd(assessment.authorisedOn, year);
        return { startDate: assessment.startedOn, authorisationDate, factors: authorisationDate ? [...assessment.factors] : [] };
      })
      .sort((a, b) => compare(a.startDate, b.startDate)),
    cinPlans: item.cinPlans
      .filter((plan) => openDuring(plan.startedOn, byYearEnd(plan.endedOn, year), year))
      .map((plan) => ({ startDate: plan.startedOn, endDate: byYearEnd(plan.endedOn, year) }))
      .sort((a, b) => compare(a.startDate, b.startDate)),
    section47s: section47sOf(item, year),
    referralNfa: false,
    cpPlans: cpPlansOf(item, record, year),
  };
};

/** An enquiry is the year's while it was open in it: until its conference, or its conclusion that none was needed. */
const section47sOf = (item: CaseRecord, year: CollectionYear): CensusSection47[] =>
  item.section47s
    .map((enquiry) => {
      const conference = item.conferences.find((held) => held.section47Id === enquiry.section47Id && held.heldOn <= year.end);
      const concludedOn = byYearEnd(enquiry.concludedOn, year);
      const icpcNotRequired = concludedOn !== null && enquiry.icpcRequired === false;
      const endedOn = conference?.heldOn ?? (icpcNotRequired ? concludedOn : null);
      return { enquiry, conference, icpcNotRequired, endedOn };
    })
    .filter(({ enquiry, endedOn }) => openDuring(enquiry.startedOn, endedOn, year))
    .map(({ enquiry, conference, icpcNotRequired }) => ({
      startDate: enquiry.startedOn,
      initialCpcTarget: addWorkingDays(enquiry.startedOn, ICPC_TIMESCALE_WORKING_DAYS),
      dateOfInitialCpc: conference?.heldOn ?? null,
      icpcNotRequired,
    }))
    .sort((a, b) => compare(a.startDate, b.startDate));

const cpPlansOf = (item: CaseRecord, record: ChildRecord, year: CollectionYear): CensusCpPlan[] => {
  const everyPlanStart = record.cases.flatMap((each) => each.cpPlans.map((plan) => plan.startedOn));
  return item.cpPlans
    .filter((plan) => openDuring(plan.startedOn, byYearEnd(plan.endedOn, year), year))
    .map((plan) => {
      const reviews = plan.reviews.filter((review) => review.heldOn <= year.end).sort((a, b) => compare(a.heldOn, b.heldOn));
      return {
        startDate: plan.startedOn,
        endDate: byYearEnd(plan.endedOn, year),
        initialCategory: plan.initialCategory,
        // The category as it stood at the reference date: the one the last review by then left it under.
        latestCategory: reviews.at(-1)?.latestCategory ?? plan.initialCategory,
        numberOfPreviousCpp: everyPlanStart.filter((startedOn) => startedOn < plan.startedOn).length,
        reviewDates: reviews.map((review) => review.heldOn).filter((heldOn) => heldOn >= year.start),
      };
    })
    .sort((a, b) => compare(a.startDate, b.startDate));
};
