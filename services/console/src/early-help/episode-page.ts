import { instant } from '../front-door/display';
import { calendarDay, words } from '../display/calendar-day';
import { areaName, EPISODE_DUE_NAMES, EPISODE_STAGE_NAMES, episodeReference, type EpisodeListItem, type EpisodeRead } from './episode-read';
import { ladderTable } from './outcomes-ladder';

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

/** The episode page: who, where it has got to, the team and plan, the outcomes ladder by area over time, and the chronology. */
export const episodePage = (read: EpisodeRead, chronology: ChronologyRead) => {
  const childName = [read.child.givenName, read.child.familyName].filter(Boolean).join(' ') || 'Name not available';
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
      ['Reviews', read.reviews.length ? read.reviews.map((review) => calendarDay(review.heldOn)).join(', ') : 'None yet'],
      ...(read.closedOn ? [['Closed', calendarDay(read.closedOn)]] : []),
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    ladder: ladderTable(read.ladder),
    ladderReadings: read.ladder.readings,
    chronology: chronology.entries.map((entry) => ({ at: instant(entry.at), what: entry.what, by: `${entry.by.role} (${entry.by.org})` })),
  };
};
