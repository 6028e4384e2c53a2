import { isCalendarDate, isWeekend, workingDaysBetween, type CalendarDate } from '@csc/domain';
import type { CensusSection47 } from '../census-return';
import { awaitsConference, isInCollectionYear } from './child-protection-dates';
import { episodeRule, type CensusRule } from './census-rule';

const enquiryStarted = (enquiry: CensusSection47): string => `S47 started ${enquiry.startDate}`;

export const s47NotBeforeReferral_2889: CensusRule = episodeRule(
  { code: '2889', severity: 'ERROR', text: 'The S47 start date cannot be before the referral date.' },
  (episode) =>
    episode.section47s
      .filter((enquiry) => enquiry.startDate < episode.cinReferralDate)
      .map((enquiry) => ({ field: 'S47ActualStartDate', detail: enquiryStarted(enquiry) })),
);

export const s47StartedByConference_8615: CensusRule = episodeRule(
  {
    code: '8615',
    severity: 'ERROR',
    text: 'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
  },
  (episode) =>
    episode.section47s
      .filter(
        ({ startDate, dateOfInitialCpc }) => dateOfInitialCpc !== null && (!isCalendarDate(startDate) || startDate > dateOfInitialCpc),
      )
      .map((enquiry) => ({ field: 'S47ActualStartDate', detail: `conference ${enquiry.dateOfInitialCpc}` })),
);

/** The conference is due 15 working days after the strategy discussion, so by then there should be one or a decision not to hold one. */
const CONFERENCE_DUE_WORKING_DAYS = 15;

export const overdueConferenceMissing_8675Q: CensusRule = episodeRule(
  {
    code: '8675Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
  },
  (episode, _child, census) =>
    episode.section47s
      .filter(
        (enquiry) => awaitsConference(enquiry) && workingDaysBetween(enquiry.startDate, census.year.end) > CONFERENCE_DUE_WORKING_DAYS,
      )
      .map((enquiry) => ({ field: 'DateOfInitialCPC', detail: enquiryStarted(enquiry) })),
);

export const awaitingEnquiryStartedInYear_8740: CensusRule = episodeRule(
  {
    code: '8740',
    severity: 'ERROR',
    text: 'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
  },
  (episode, _child, census) =>
    episode.section47s
      .filter((enquiry) => awaitsConference(enquiry) && !isInCollectionYear(enquiry.startDate, census.year))
      .map((enquiry) => ({ field: 'S47ActualStartDate', detail: enquiryStarted(enquiry) })),
);

export const oneEnquiryAwaitingConference_8839: CensusRule = episodeRule(
  { code: '8839', severity: 'ERROR', text: 'Within one CINDetails group there are 2 or more open S47 Assessments' },
  (episode) => {
    const awaiting = episode.section47s.filter(awaitsConference);
    return awaiting.length > 1
      ? [{ field: 'DateOfInitialCPC', detail: `S47s started ${awaiting.map((enquiry) => enquiry.startDate).join(', ')}` }]
      : [];
  },
);

/** Either outcome closes an enquiry; both at once contradict each other, so neither can be believed. */
const outcomeUnclear = (enquiry: CensusSection47): boolean =>
  awaitsConference(enquiry) || (enquiry.dateOfInitialCpc !== null && enquiry.icpcNotRequired);

export const closedEpisodeEnquiriesConcluded_8868: CensusRule = episodeRule(
  {
    code: '8868',
    severity: 'ERROR',
    text: 'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
  },
  (episode) =>
    episode.cinClosureDate === null
      ? []
      : episode.section47s.filter(outcomeUnclear).map((enquiry) => ({ field: 'CINclosureDate', detail: enquiryStarted(enquiry) })),
);

export const conferenceTargetNotOnWeekend_8870Q: CensusRule = episodeRule(
  {
    code: '8870Q',
    severity: 'QUERY',
    text: 'Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend',
  },
  (episode) =>
    episode.section47s
      .filter(({ initialCpcTarget }) => initialCpcTarget !== null && isWeekend(initialCpcTarget))
      .map((enquiry) => ({ field: 'InitialCPCtarget', detail: `target ${enquiry.initialCpcTarget}` })),
);

/**
 * An enquiry runs from its start to its conference, or to the reference date while it still awaits one; one
 * concluded with no conference needed has no recorded end, so it cannot be shown to overlap.
 */
const isRunningOn = (enquiry: CensusSection47, date: CalendarDate, referenceDate: CalendarDate): boolean => {
  if (date < enquiry.startDate) return false;
  if (enquiry.dateOfInitialCpc !== null) return date <= enquiry.dateOfInitialCpc;
  return !enquiry.icpcNotRequired && date <= referenceDate;
};

export const noEnquiryStartsDuringAnother_8890: CensusRule = episodeRule(
  { code: '8890', severity: 'ERROR', text: 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing' },
  (episode, _child, census) =>
    episode.section47s
      .filter((enquiry) => episode.section47s.some((other) => other !== enquiry && isRunningOn(other, enquiry.startDate, census.year.end)))
      .map((enquiry) => ({ field: 'S47ActualStartDate', detail: enquiryStarted(enquiry) })),
);

/** Section 47 enquiries: when they start, how they end, and that one runs at a time in an episode. */
export const SECTION_47_RULES: CensusRule[] = [
  s47NotBeforeReferral_2889,
  s47StartedByConference_8615,
  overdueConferenceMissing_8675Q,
  awaitingEnquiryStartedInYear_8740,
  oneEnquiryAwaitingConference_8839,
  closedEpisodeEnquiriesConcluded_8868,
  conferenceTargetNotOnWeekend_8870Q,
  noEnquiryStartsDuringAnother_8890,
];
