import { TOPICS, type EventEnvelope } from '@csc/contracts';
import { columnNamed, upsertRows, type ProjectionDefinition } from '@csc/projections';
import { CHILD_RECORD_EVENT_TYPES } from './domain/child-record-of';

type Row = Record<string, unknown>;
const column = (name: string, type: string) => columnNamed<Row>(name, type);
const dataOf = (event: EventEnvelope) => event.data as Row;

/**
 * Every event a statutory return may need, kept per child as it came (subjects still sealed: they
 * are opened only while a return is made, so an erased child's stay unreadable), and beside them
 * the few keyed facts that say which children a return must look at without reading every event:
 * CIN episodes with their closures, early help episodes, erased children. Each row is set by the
 * events that know it, whatever order they arrive in and however often.
 */
export const childRecordsProjection: ProjectionDefinition = {
  name: 'child-records',
  topics: [TOPICS.referralIntake, TOPICS.caseProgression, TOPICS.earlyHelp],
  eventTypes: [...CHILD_RECORD_EVENT_TYPES, 'ChildErased'],
  tables: ['child_events', 'cin_episodes', 'case_closures', 'early_help_episodes', 'erased_children'],

  async createTables(manager, tables) {
    await manager.query(`
      CREATE TABLE ${tables.child_events} (
        event_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        recorded_at timestamptz NOT NULL,
        envelope jsonb NOT NULL
      )`);
    await manager.query(`CREATE INDEX ON ${tables.child_events} (child_id)`);
    await manager.query(`CREATE INDEX ON ${tables.child_events} (recorded_at)`);
    await manager.query(`
      CREATE TABLE ${tables.cin_episodes} (
        referral_id uuid PRIMARY KEY,
        child_id uuid,
        referral_date date,
        nfa boolean,
        case_id uuid
      )`);
    await manager.query(`CREATE INDEX ON ${tables.cin_episodes} (referral_date)`);
    await manager.query(`CREATE TABLE ${tables.case_closures} (case_id uuid PRIMARY KEY, closed_on date)`);
    await manager.query(`
      CREATE TABLE ${tables.early_help_episodes} (episode_id uuid PRIMARY KEY, child_id uuid, opened_on date, closed_on date)`);
    await manager.query(`CREATE TABLE ${tables.erased_children} (child_id uuid PRIMARY KEY)`);
  },

  async apply(manager, events, tables) {
    const of = (type: string) => events.filter((event) => event.type === type).map(dataOf);
    await upsertRows(
      manager,
      tables.child_events,
      column('event_id', 'uuid'),
      [
        column('child_id', 'uuid'),
        column('type', 'text'),
        column('schema_version', 'integer'),
        column('stream_id', 'text'),
        column('stream_version', 'integer'),
        column('recorded_at', 'timestamptz'),
        column('envelope', 'jsonb'),
      ],
      events
        .filter((event) => event.childId !== null && event.type !== 'ChildErased')
        .map((event) => ({
          event_id: event.eventId,
          child_id: event.childId,
          type: event.type,
          schema_version: event.schemaVersion,
          stream_id: event.streamId,
          stream_version: event.streamVersion,
          recorded_at: event.recordedAt,
          envelope: JSON.stringify(event),
        })),
    );
    await upsertRows(
      manager,
      tables.cin_episodes,
      column('referral_id', 'uuid'),
      [column('child_id', 'uuid'), column('referral_date', 'date'), column('nfa', 'boolean'), column('case_id', 'uuid')],
      [
        ...of('ReferralDecided')
          .filter((data) => data.cinReferral === true)
          .map((data) => ({
            referral_id: data.referralId,
            child_id: data.childId,
            referral_date: data.referralDate,
            nfa: data.outcome === 'NFA',
          })),
        ...of('CaseOpened').map((data) => ({
          referral_id: data.referralId,
          child_id: data.childId,
          referral_date: data.referralDate,
          nfa: false,
          case_id: data.caseId,
        })),
      ],
    );
    await upsertRows(
      manager,
      tables.case_closures,
      column('case_id', 'uuid'),
      [column('closed_on', 'date')],
      of('CaseClosed').map((data) => ({ case_id: data.caseId, closed_on: data.closedOn })),
    );
    await upsertRows(
      manager,
      tables.early_help_episodes,
      column('episode_id', 'uuid'),
      [column('child_id', 'uuid'), column('opened_on', 'date'), column('closed_on', 'date')],
      [
        ...of('EarlyHelpEpisodeOpened').map((data) => ({ episode_id: data.episodeId, child_id: data.childId, opened_on: data.openedOn })),
        ...of('EarlyHelpEpisodeClosed').map((data) => ({ episode_id: data.episodeId, closed_on: data.closedOn })),
      ],
    );
    const erased = of('ChildErased').map((data) => data.childId);
    if (erased.length > 0) {
      await manager.query(`INSERT INTO ${tables.erased_children} (child_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [erased]);
    }
    // An erased child's events go, and a late one arriving from another topic goes when its batch is applied.
    // Two partitions' batches applied at once may each miss the other's rows; reads leave out erased children
    // regardless (erased_children, and a destroyed key), so this is tidiness, not what keeps them out.
    const children = [...new Set(events.map((event) => event.childId).filter((id): id is string => id !== null))];
    await manager.query(
      `DELETE FROM ${tables.child_events} WHERE child_id IN (SELECT child_id FROM ${tables.erased_children} WHERE child_id = ANY($1::uuid[]))`,
      [children],
    );
  },
};
