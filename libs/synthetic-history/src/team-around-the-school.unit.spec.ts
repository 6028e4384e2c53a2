import { addMonths } from '@csc/domain';
import { eventEnvelopeSchema, parseSealedEventData, type EVENT_DATA_SCHEMAS, type EventEnvelope } from '@csc/contracts';
import { areasProgressed } from '@csc/domain';
import type { LadderScores } from './outcomes-ladder';
import { generateTeamAroundTheSchoolCohort, TEAM_AROUND_THE_SCHOOL } from './team-around-the-school';

interface Episode {
  origin: string;
  requestedBy: string | null;
  openedOn: string;
  closedOn: string | null;
  outcome: string | null;
  plan: boolean;
  readings: LadderScores[];
}

const episodesOf = (events: EventEnvelope[]): Map<string, Episode> => {
  const episodes = new Map<string, Episode>();
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    const episode = episodes.get(data.episodeId as string);
    switch (event.type) {
      case 'EarlyHelpEpisodeOpened':
        episodes.set(data.episodeId as string, {
          origin: data.origin as string,
          requestedBy: data.requestedByOrganisationId as string | null,
          openedOn: data.openedOn as string,
          closedOn: null,
          outcome: null,
          plan: false,
          readings: [],
        });
        break;
      case 'EarlyHelpPlanAgreed':
        episode!.plan = true;
        break;
      case 'OutcomesLadderScored':
        episode!.readings.push(data.scores as LadderScores);
        break;
      case 'EarlyHelpEpisodeClosed':
        episode!.closedOn = data.closedOn as string;
        episode!.outcome = data.outcome as string;
        break;
    }
  }
  return episodes;
};

describe('the Team Around the School cohort', () => {
  const startOn = '2024-09-02';
  const events = [...generateTeamAroundTheSchoolCohort({ seed: 4, startOn })];
  const episodes = [...episodesOf(events).values()];
  const count = (predicate: (episode: Episode) => boolean) => episodes.filter(predicate).length;

  it('is 422 episodes asked for directly by schools, each opened within the year and closed after it opened', () => {
    expect(episodes).toHaveLength(TEAM_AROUND_THE_SCHOOL.referred);
    const yearEnds = addMonths(startOn, 12);
    for (const episode of episodes) {
      expect(episode.origin).toBe('DIRECT_REQUEST');
      expect(episode.requestedBy).toMatch(/^\d{6}$/);
      expect(episode.openedOn >= startOn && episode.openedOn < yearEnds).toBe(true);
      if (episode.closedOn) expect(episode.closedOn >= episode.openedOn).toBe(true);
    }
  });

  it('reproduces the evaluation exactly: 94 not progressed, 327 supported (163 graduated, 94 left, 70 active), 1 stepped up', () => {
    expect(count((e) => e.outcome === 'NOT_PROGRESSED' && !e.plan)).toBe(94);
    expect(count((e) => e.plan)).toBe(327);
    expect(count((e) => e.plan && e.outcome === 'GRADUATED')).toBe(163);
    expect(count((e) => e.plan && e.outcome === 'LEFT_WITHOUT_GRADUATING')).toBe(94);
    expect(count((e) => e.plan && e.outcome === null)).toBe(70);
    expect(count((e) => e.outcome === 'STEPPED_UP' && !e.plan)).toBe(1);
  });

  it('has 87 families with two or more ladder readings, all supported: 53 progressed in five or more areas, 86 in at least one', () => {
    const twoOrMore = episodes.filter((episode) => episode.readings.length >= 2);
    expect(twoOrMore).toHaveLength(87);
    expect(twoOrMore.every((episode) => episode.plan)).toBe(true);
    const progressed = twoOrMore.map((episode) => areasProgressed(episode.readings[0], episode.readings.at(-1)!).length);
    expect(progressed.filter((areas) => areas >= 5)).toHaveLength(53);
    expect(progressed.filter((areas) => areas >= 1)).toHaveLength(86);
  });

  it('is made of valid events, the same for the same seed', () => {
    for (const event of events) {
      expect(eventEnvelopeSchema.safeParse(event).success).toBe(true);
      parseSealedEventData(event.type as keyof typeof EVENT_DATA_SCHEMAS, event.data);
    }
    expect(JSON.stringify([...generateTeamAroundTheSchoolCohort({ seed: 4, startOn })])).toBe(JSON.stringify(events));
    // The family stepped up becomes a 5D referral at the front door, linked to its episode.
    const stepUp = events.find((event) => event.type === 'ReferralReceived')!.data as Record<string, unknown>;
    expect(stepUp.source).toBe('5D');
  });
});
