import type { CalendarDate } from '@csc/domain';
import type { CensusChild, CensusCinPlan, CensusCpPlan, CensusSection47, CinDetails, CollectionYear } from '../census-return';

/** Both ends count: the DfE's "on or between". */
export const isOnOrBetween = (date: CalendarDate, from: CalendarDate, to: CalendarDate): boolean => date >= from && date <= to;

export const isInCollectionYear = (date: CalendarDate, year: CollectionYear): boolean => isOnOrBetween(date, year.start, year.end);

/**
 * Whether `date` falls in a period that started on `start` and is still running the day before `end`:
 * the day a plan ends is the day another may begin (a CIN plan stepping up to a CP plan at the conference).
 * An open period runs to the reference date, as the census sees nothing after it.
 */
export const fallsInPeriod = (date: CalendarDate, start: CalendarDate, end: CalendarDate | null, year: CollectionYear): boolean =>
  date >= start && (end === null ? date <= year.end : date < end);

/** An enquiry still waiting for its conference: none held, and nobody has decided one is not needed. */
export const awaitsConference = (enquiry: CensusSection47): boolean => enquiry.dateOfInitialCpc === null && !enquiry.icpcNotRequired;

/** Every initial conference an episode records, wherever it sits (CINdetails or Section47). */
export const conferenceDatesOf = (episode: CinDetails): CalendarDate[] =>
  [episode.dateOfInitialCpc, ...episode.section47s.map((enquiry) => enquiry.dateOfInitialCpc)].filter(
    (date): date is CalendarDate => date !== null,
  );

// A child has one plan at a time whatever episode records it, so the rules on plans overlapping look across episodes.
export const cpPlansOf = (child: CensusChild): { plan: CensusCpPlan; episode: CinDetails }[] =>
  child.episodes.flatMap((episode) => episode.cpPlans.map((plan) => ({ plan, episode })));

export const cinPlansOf = (child: CensusChild): { cinPlan: CensusCinPlan; episode: CinDetails }[] =>
  child.episodes.flatMap((episode) => episode.cinPlans.map((cinPlan) => ({ cinPlan, episode })));
