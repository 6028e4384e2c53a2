import type { CalendarDate } from '@csc/domain';
import type { CinDetails } from '../census-return';
import { childRule, episodeRule } from './census-rule';

// An open referral that went on to further action is a live case; an open NFA referral is not.
const isOpenCase = (episode: CinDetails): boolean => episode.cinClosureDate === null && !episode.referralNfa;

export const referredBeforeDeath_8555Q = episodeRule(
  { code: '8555Q', severity: 'QUERY', text: 'Child cannot be referred after its recorded date of death' },
  (episode, child) =>
    child.personDeathDate && episode.cinReferralDate > child.personDeathDate
      ? [{ field: 'CINreferralDate', detail: `referral ${episode.cinReferralDate}` }]
      : [],
);

/** Reported on the episode, where RC2 is: the date of death it lacks belongs to the child. */
export const diedHasDeathDate_8585Q = episodeRule(
  {
    code: '8585Q',
    severity: 'QUERY',
    text: 'Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
  },
  (episode, child) => (episode.reasonForClosure === 'RC2' && !child.personDeathDate ? [{ field: 'ReasonForClosure' }] : []),
);

export const hasCinEpisode_8590 = childRule(
  { code: '8590', severity: 'ERROR', text: 'Child does not have a recorded CIN episode.' },
  (child) => (child.episodes.length === 0 ? [{ field: 'CINdetails' }] : []),
);

/** Each open case is reported when there are two or more, since any of them may be the one left open. */
export const oneOpenCase_8815 = childRule(
  {
    code: '8815',
    severity: 'ERROR',
    text: 'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
  },
  (child) => {
    const open = child.episodes.filter(isOpenCase);
    return open.length > 1 ? open.map((episode) => ({ field: 'CINclosureDate', episode })) : [];
  },
);

const later = (a: CalendarDate | null, b: CalendarDate): CalendarDate => (a !== null && a > b ? a : b);

/** An open case referred on the same day as the latest referral is itself the latest. */
export const openCaseIsLatest_8816 = childRule(
  {
    code: '8816',
    severity: 'ERROR',
    text: 'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
  },
  (child) => {
    const latest = child.episodes.map((episode) => episode.cinReferralDate).reduce<CalendarDate | null>(later, null);
    return child.episodes
      .filter((episode) => isOpenCase(episode) && latest !== null && episode.cinReferralDate < latest)
      .map((episode) => ({ field: 'CINreferralDate', episode, detail: `a later referral on ${latest}` }));
  },
);

/**
 * An episode runs from its referral up to (not including) its closure, so one may close on the day
 * the next is referred; an open case runs to the reference date, an open NFA referral not at all.
 */
const fallsWithin = (date: CalendarDate, other: CinDetails, referenceDate: CalendarDate): boolean => {
  if (date < other.cinReferralDate) return false;
  if (other.cinClosureDate !== null) return date < other.cinClosureDate;
  return !other.referralNfa && date <= referenceDate;
};

/** Each episode referred within another is reported, naming the other by its referral date. */
export const episodesDoNotOverlap_8820 = childRule(
  { code: '8820', severity: 'ERROR', text: 'The dates on the CIN episodes for this child overlap' },
  (child, census) =>
    child.episodes.flatMap((episode) =>
      child.episodes
        .filter((other) => other !== episode && fallsWithin(episode.cinReferralDate, other, census.year.end))
        .map((other) => ({
          field: 'CINreferralDate',
          episode,
          detail: `referral ${episode.cinReferralDate} is within the episode referred on ${other.cinReferralDate}`,
        })),
    ),
);
