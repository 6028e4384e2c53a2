import { isWeekend } from '@csc/domain';
import type { CensusReturn } from '../census-return';
import { conferenceDatesOf, isInCollectionYear } from './child-protection-dates';
import { childRule, episodeRule, returnRule, type CensusRule } from './census-rule';

// DateOfInitialCPC is one data item (N00110) whether it sits on CINdetails or on Section47, so the rules on the
// date itself look at both places.

export const conferenceNotBeforeReferral_1104: CensusRule = episodeRule(
  { code: '1104', severity: 'ERROR', text: 'The date of the initial child protection conference cannot be before the referral date' },
  (episode) =>
    conferenceDatesOf(episode)
      .filter((date) => date < episode.cinReferralDate)
      .map((date) => ({ field: 'DateOfInitialCPC', detail: `conference ${date}` })),
);

const startsAndConferencesIn = (census: CensusReturn): { planStarts: number; conferences: number } => {
  const episodes = census.children.flatMap((child) => child.episodes);
  return {
    planStarts: episodes.flatMap((episode) => episode.cpPlans).filter((plan) => isInCollectionYear(plan.startDate, census.year)).length,
    conferences: episodes.flatMap(conferenceDatesOf).filter((date) => isInCollectionYear(date, census.year)).length,
  };
};

/** Counted across the authority, as the DfE does: a plan can only start at a conference, but not every conference starts a plan. */
export const plansNotOutnumberConferences_2883: CensusRule = returnRule(
  { code: '2883', severity: 'ERROR', text: 'There are more child protection plans starting than initial conferences taking place' },
  (census) => {
    const { planStarts, conferences } = startsAndConferencesIn(census);
    return planStarts > conferences
      ? [{ child: null, hit: { field: 'CPPstartDate', detail: `plans starting: ${planStarts}, initial conferences: ${conferences}` } }]
      : [];
  },
);

/** The same conference in both places would be counted twice (2883, the DfE's conference counts); it belongs on the enquiry. */
export const conferenceRecordedOnce_2884: CensusRule = childRule(
  {
    code: '2884',
    severity: 'ERROR',
    text: 'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one',
  },
  (child) => {
    const onEnquiries = new Set(child.episodes.flatMap((episode) => episode.section47s.map((enquiry) => enquiry.dateOfInitialCpc)));
    return child.episodes
      .filter((episode) => episode.dateOfInitialCpc !== null && onEnquiries.has(episode.dateOfInitialCpc))
      .map((episode) => ({ field: 'DateOfInitialCPC', episode, detail: `conference ${episode.dateOfInitialCpc}` }));
  },
);

/**
 * A plan starting in the year starts at a conference of its episode: one of the enquiries' conferences when the
 * episode has an enquiry that was to lead to one, otherwise the conference held without an enquiry.
 */
export const planStartsAtConference_2885: CensusRule = episodeRule(
  {
    code: '2885',
    severity: 'ERROR',
    text: 'Child protection plan shown as starting a different day to the initial child protection conference.',
  },
  (episode, _child, census) => {
    const enquiries = episode.section47s.filter((enquiry) => !enquiry.icpcNotRequired);
    const conferences = enquiries.length > 0 ? enquiries.map((enquiry) => enquiry.dateOfInitialCpc) : [episode.dateOfInitialCpc];
    return episode.cpPlans
      .filter((plan) => isInCollectionYear(plan.startDate, census.year) && !conferences.includes(plan.startDate))
      .map((plan) => ({ field: 'CPPstartDate', detail: `plan started ${plan.startDate}` }));
  },
);

export const conferenceInYear_8715: CensusRule = episodeRule(
  { code: '8715', severity: 'ERROR', text: 'Date of Initial Child Protection Conference must fall within the census year' },
  (episode, _child, census) =>
    conferenceDatesOf(episode)
      .filter((date) => !isInCollectionYear(date, census.year))
      .map((date) => ({ field: 'DateOfInitialCPC', detail: `conference ${date}` })),
);

export const conferenceNotOnWeekend_8875: CensusRule = episodeRule(
  { code: '8875', severity: 'ERROR', text: 'The Date of Initial Child Protection Conference cannot be a weekend' },
  (episode) =>
    conferenceDatesOf(episode)
      .filter(isWeekend)
      .map((date) => ({ field: 'DateOfInitialCPC', detail: `conference ${date}` })),
);

/** Initial child protection conferences: when they are held, where they are recorded, and the plans they start. */
export const CONFERENCE_RULES: CensusRule[] = [
  conferenceNotBeforeReferral_1104,
  plansNotOutnumberConferences_2883,
  conferenceRecordedOnce_2884,
  planStartsAtConference_2885,
  conferenceInYear_8715,
  conferenceNotOnWeekend_8875,
];
