import { instant } from '../front-door/display';
import { calendarDay, words } from '../display/calendar-day';
import {
  areaName,
  childNameOf,
  EPISODE_DUE_NAMES,
  EPISODE_STAGE_NAMES,
  episodeReference,
  type EpisodeListItem,
  type EpisodeRead,
} from './episode-read';
import { ladderTable } from './outcomes-ladder';
import { EPISODE_ACTIONS, episodeActionBySlug } from './actions';

export interface ChronologyRead {
  entries: { at: string; what: string; by: { role: string; org: string } }[];
}

export const episodeRowOf = (item: EpisodeListItem) => ({
  href: `/early-help/episodes/${encodeURIComponent(item.episodeId)}`,
  reference: episodeReference(item.episodeId),
  openedOn: calendarDay(item.openedOn),
  stage: EPISODE_STAGE_NAMES[item.stage] ?? item.stage,
  nextDue: item.nextDue
    ? `${EPISODE_DUE_NAMES[item.nextDue.what] ?? item.nextDue.what} by ${calendarDay(item.nextDue.dueOn)}`
    : 'Nothing due',
  overdue: item.overdue,
});

/** What was just recorded (the `recorded` of the address a form redirects to), said back in a banner. */
export const recordedBannerOf = (recorded: string | undefined): string | null => {
  if (recorded === 'request') return 'The episode is open. Record the early help assessment when it is done.';
  return (recorded && episodeActionBySlug(recorded)?.recorded) || null;
};

/** The things the episode's state allows now, each a link to its form, in the order the work usually goes. */
export const offeredActionsOf = (read: EpisodeRead) =>
  EPISODE_ACTIONS.filter((action) => action.isOffered(read)).map((action) => ({
    href: `/early-help/episodes/${read.episodeId}/${action.slug}`,
    text: action.title,
  }));

/** The episode page: who, where it has got to, the team and plan, the outcomes ladder by area over time, what can be recorded next, and the chronology. */
export const episodePage = (read: EpisodeRead, chronology: ChronologyRead, recorded?: string) => {
  const childName = childNameOf(read);
  return {
    pageTitle: `${episodeReference(read.episodeId)}: ${childName}`,
    reference: episodeReference(read.episodeId),
    childName,
    stage: EPISODE_STAGE_NAMES[read.stage] ?? read.stage,
    details: [
      ['Opened', calendarDay(read.openedOn)],
      ['How it started', words(read.origin)],
      ['Reason', read.reason ?? 'Not recorded'],
      ['Areas of need', read.needs.length ? read.needs.map(areaName).join('; ') : 'Not assessed yet'],
      ['Lead practitioner', read.leadPractitioner ?? 'Not named yet'],
      ['Team around the family', read.teamMembers.length ? read.teamMembers.join('; ') : 'Not formed yet'],
      ['Plan', read.plan ? `Agreed ${calendarDay(read.plan.agreedOn)}: ${read.plan.goals.join('; ')}` : 'Not agreed yet'],
      ['Reviews', read.reviews.length ? read.reviews.map((heldOn) => calendarDay(heldOn)).join(', ') : 'None yet'],
      ...(read.closedOn ? [['Closed', calendarDay(read.closedOn)]] : []),
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    recordedBanner: recordedBannerOf(recorded),
    actions: offeredActionsOf(read),
    ladder: ladderTable(read.ladder),
    ladderReadings: read.ladder.readings,
    chronology: chronology.entries.map((entry) => ({ at: instant(entry.at), what: entry.what, by: `${entry.by.role} (${entry.by.org})` })),
  };
};
