import { TOPICS } from '@csc/contracts';
import { upsertRows, type ProjectionDefinition } from '@csc/projections';
import { column, dataOfType } from './event-columns';

/**
 * Early help episodes as a funnel (opened, supported by a plan, closed and how) and the outcomes
 * ladder readings kept one row each, so first and last can be told apart whatever order they
 * arrive in. Who asked for the episode (a school's URN) lets an evaluation follow its schools.
 * Codes, dates and scores only: the family's details stay sealed in the events.
 */
export const earlyHelpProjection: ProjectionDefinition = {
  name: 'early-help',
  topics: [TOPICS.earlyHelp],
  eventTypes: ['EarlyHelpEpisodeOpened', 'EarlyHelpPlanAgreed', 'EarlyHelpSteppedUp', 'EarlyHelpEpisodeClosed', 'OutcomesLadderScored'],
  tables: ['episodes', 'ladder_readings'],

  async createTables(manager, tables) {
    await manager.query(`
      CREATE TABLE ${tables.episodes} (
        episode_id uuid PRIMARY KEY,
        child_id uuid,
        opened_on date,
        origin text,
        requested_by_organisation_id text,
        school_urn text,
        plan_agreed_on date,
        closed_on date,
        outcome text,
        stepped_up boolean
      )`);
    await manager.query(`
      CREATE TABLE ${tables.ladder_readings} (
        event_id uuid PRIMARY KEY,
        episode_id uuid NOT NULL,
        scored_on date NOT NULL,
        stream_version integer NOT NULL,
        scores jsonb NOT NULL
      )`);
    await manager.query(`CREATE INDEX ON ${tables.ladder_readings} (episode_id, scored_on, stream_version)`);
  },

  async apply(manager, events, tables) {
    const of = dataOfType(events);
    await upsertRows(
      manager,
      tables.episodes,
      column('episode_id', 'uuid'),
      [
        column('child_id', 'uuid'),
        column('opened_on', 'date'),
        column('origin', 'text'),
        column('requested_by_organisation_id', 'text'),
        column('school_urn', 'text'),
        column('plan_agreed_on', 'date', 'earliest'),
        column('closed_on', 'date'),
        column('outcome', 'text'),
        column('stepped_up', 'boolean', 'any-true'),
      ],
      [
        ...of('EarlyHelpEpisodeOpened').map((data) => ({
          episode_id: data.episodeId,
          child_id: data.childId,
          opened_on: data.openedOn,
          origin: data.origin,
          requested_by_organisation_id: data.requestedByOrganisationId,
          school_urn: data.schoolUrn,
        })),
        ...of('EarlyHelpPlanAgreed').map((data) => ({ episode_id: data.episodeId, plan_agreed_on: data.agreedOn })),
        ...of('EarlyHelpSteppedUp').map((data) => ({ episode_id: data.episodeId, stepped_up: true })),
        ...of('EarlyHelpEpisodeClosed').map((data) => ({
          episode_id: data.episodeId,
          closed_on: data.closedOn,
          outcome: data.outcome,
          stepped_up: data.outcome === 'STEPPED_UP',
        })),
      ],
    );
    const readings = events.filter((event) => event.type === 'OutcomesLadderScored');
    await upsertRows(
      manager,
      tables.ladder_readings,
      { name: 'event_id', type: 'uuid', value: (event) => event.eventId },
      [
        { name: 'episode_id', type: 'uuid', value: (event) => (event.data as { episodeId: string }).episodeId },
        { name: 'scored_on', type: 'date', value: (event) => (event.data as { scoredOn: string }).scoredOn },
        { name: 'stream_version', type: 'integer', value: (event) => event.streamVersion },
        { name: 'scores', type: 'jsonb', value: (event) => JSON.stringify((event.data as { scores: object }).scores) },
      ],
      readings,
    );
  },
};
