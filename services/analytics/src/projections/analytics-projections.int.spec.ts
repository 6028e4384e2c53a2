import type { EventEnvelope } from '@csc/contracts';
import { TOPICS, topicOf, type EventType } from '@csc/contracts';
import type { ProjectionDefinition, VersionTables } from '@csc/projections';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { ANALYTICS_PROJECTIONS } from './analytics-projections';
import { earlyHelpProjection } from './early-help.projection';
import { referralsProjection } from './referrals.projection';
import { timelinessProjection } from './timeliness.projection';

const CHILD = '11111111-1111-4111-8111-111111111111';
const MERGED_INTO = '22222222-2222-4222-8222-222222222222';
const REFERRAL = '33333333-3333-4333-8333-333333333333';
const CASE = '44444444-4444-4444-8444-444444444444';
const ASSESSMENT = '55555555-5555-4555-8555-555555555555';
const CONFERENCE = '66666666-6666-4666-8666-666666666666';
const EPISODE = '77777777-7777-4777-8777-777777777777';

let sequence = 0;
const versions = new Map<string, number>();
/** An envelope as the relay publishes it; each stream's events are numbered in the order given. */
const event = (type: EventType, streamId: string, data: object): EventEnvelope => {
  const streamVersion = (versions.get(streamId) ?? 0) + 1;
  versions.set(streamId, streamVersion);
  sequence += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    occurredAt: '2025-01-01T00:00:00.000Z',
    recordedAt: '2025-01-01T00:00:00.000Z',
    streamId,
    streamVersion,
    childId: CHILD,
    correlationId: streamId,
    causationId: null,
    actor: { sub: 'test', role: 'SYSTEM', org: 'LA888' },
    data,
  };
};

/** A referral's life across two topics, and an early help episode's on a third: the order within each topic is the log's. */
const HISTORY: EventEnvelope[] = [
  event('ReferralReceived', REFERRAL, {
    referralId: REFERRAL,
    childId: CHILD,
    receivedAt: '2025-01-06T09:30:00.000Z',
    source: '2A',
    referrerOrganisationId: '100001',
  }),
  event('InformationRequested', REFERRAL, { referralId: REFERRAL }),
  event('ReferralDecided', REFERRAL, {
    referralId: REFERRAL,
    childId: CHILD,
    outcome: 'ACCEPTED_FOR_ASSESSMENT',
    decidedAt: '2025-01-06T15:30:00.000Z',
    referralDate: '2025-01-06',
    receivedAt: '2025-01-06T09:30:00.000Z',
    cinReferral: true,
    source: '2A',
    referrerOrganisationId: '100001',
    informationRequestCount: 1,
  }),
  // The child index later found this child already known under another id: the match is what re-referrals count by.
  event('ChildMatched', REFERRAL, { referralId: REFERRAL, childId: MERGED_INTO }),
  event('CaseOpened', CASE, { caseId: CASE, childId: CHILD, referralId: REFERRAL, referralDate: '2025-01-06' }),
  event('AssessmentCompleted', CASE, {
    caseId: CASE,
    assessmentId: ASSESSMENT,
    authorisedOn: '2025-02-20',
    workingDaysFromReferral: 33,
    withinTimescale: true,
  }),
  event('ChildProtectionConferenceHeld', CASE, {
    caseId: CASE,
    conferenceId: CONFERENCE,
    heldOn: '2025-03-03',
    workingDaysFromStrategyDiscussion: 17,
    withinTimescale: false,
  }),
  event('CaseClosed', CASE, { caseId: CASE, closedOn: '2025-06-30', reason: 'RC9' }),
  event('EarlyHelpEpisodeOpened', EPISODE, {
    episodeId: EPISODE,
    childId: CHILD,
    openedOn: '2025-07-01',
    origin: 'CASE_CLOSED_RC9',
    originId: CASE,
    requestedByOrganisationId: 'LA888',
    schoolUrn: '100001',
  }),
  event('OutcomesLadderScored', EPISODE, { episodeId: EPISODE, scoredOn: '2025-07-10', scores: { GOOD_EDUCATION: 3, SECURE_HOUSING: 4 } }),
  event('EarlyHelpPlanAgreed', EPISODE, { episodeId: EPISODE, agreedOn: '2025-07-14' }),
  event('EarlyHelpPlanAgreed', EPISODE, { episodeId: EPISODE, agreedOn: '2025-09-01' }), // a second plan: supported since the first
  event('OutcomesLadderScored', EPISODE, { episodeId: EPISODE, scoredOn: '2025-10-10', scores: { GOOD_EDUCATION: 6, SECURE_HOUSING: 4 } }),
  event('EarlyHelpEpisodeClosed', EPISODE, { episodeId: EPISODE, closedOn: '2025-11-28', outcome: 'GRADUATED' }),
];

/** Merges the topics' logs in a given pattern, each topic's own order kept, as a consumer of several topics may see them. */
const interleave = (pick: (step: number, topics: string[]) => string): EventEnvelope[] => {
  const queues = new Map<string, EventEnvelope[]>();
  for (const envelope of HISTORY)
    queues.set(topicOf(envelope.type as EventType), [...(queues.get(topicOf(envelope.type as EventType)) ?? []), envelope]);
  const merged: EventEnvelope[] = [];
  for (let step = 0; merged.length < HISTORY.length; step += 1) {
    const waiting = [...queues.keys()].filter((topic) => queues.get(topic)!.length > 0);
    merged.push(queues.get(pick(step, waiting))!.shift()!);
  }
  return merged;
};

describe('analytics projections: events in, rows out, whatever order the topics interleave in', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('analytics_projections', []);
  });
  afterAll(() => database?.drop());

  /** Applies the events to a fresh copy of the projection's tables in batches of the given size, and reads every row back. */
  const project = async (definition: ProjectionDefinition, run: string, events: EventEnvelope[], batchSize: number) => {
    const tables: VersionTables = Object.fromEntries(definition.tables.map((table) => [table, `${table}_${run}`]));
    await database.dataSource.transaction((manager) => definition.createTables(manager, tables));
    for (let start = 0; start < events.length; start += batchSize) {
      await database.dataSource.transaction((manager) => definition.apply(manager, events.slice(start, start + batchSize), tables));
    }
    const rows: Record<string, unknown[]> = {};
    for (const [table, versioned] of Object.entries(tables))
      rows[table] = await database.dataSource.query(`SELECT * FROM ${versioned} ORDER BY 1`);
    return rows;
  };

  it('turns a referral, its case and an early help episode into rows of facts', async () => {
    const referrals = await project(referralsProjection, 'facts', HISTORY, 100);
    expect(referrals.referrals).toEqual([
      expect.objectContaining({
        referral_id: REFERRAL,
        child_id: CHILD,
        matched_child_id: MERGED_INTO,
        source: '2A',
        referrer_organisation_id: '100001',
        outcome: 'ACCEPTED_FOR_ASSESSMENT',
        cin_referral: true,
        information_requested: true,
      }),
    ]);
    expect(referrals.cases).toEqual([expect.objectContaining({ case_id: CASE, referral_id: REFERRAL, closure_reason: 'RC9' })]);

    const timeliness = await project(timelinessProjection, 'facts', HISTORY, 100);
    expect(timeliness.assessments).toEqual([
      expect.objectContaining({ assessment_id: ASSESSMENT, working_days: 33, within_timescale: true }),
    ]);
    expect(timeliness.initial_conferences).toEqual([
      expect.objectContaining({ conference_id: CONFERENCE, working_days: 17, within_timescale: false }),
    ]);

    const earlyHelp = await project(earlyHelpProjection, 'facts', HISTORY, 100);
    expect(earlyHelp.episodes).toEqual([
      expect.objectContaining({ episode_id: EPISODE, origin: 'CASE_CLOSED_RC9', outcome: 'GRADUATED', stepped_up: false }),
    ]);
    // The earliest plan, whichever arrived first; pg reads a date as local midnight.
    expect(earlyHelp.episodes[0]).toEqual(expect.objectContaining({ plan_agreed_on: new Date('2025-07-14T00:00:00') }));
    expect(earlyHelp.ladder_readings.map((row) => (row as { scores: object }).scores)).toEqual(
      expect.arrayContaining([
        { GOOD_EDUCATION: 3, SECURE_HOUSING: 4 },
        { GOOD_EDUCATION: 6, SECURE_HOUSING: 4 },
      ]),
    );
  });

  it.each(ANALYTICS_PROJECTIONS.map((definition) => [definition.name, definition] as const))(
    '%s: the same rows for topics read one after another, the other way round, interleaved, in any batches, and delivered twice',
    async (_name, definition) => {
      const inOrder = await project(definition, 'in_order', HISTORY, 100);
      const topicsBackwards = await project(
        definition,
        'backwards',
        interleave((_step, topics) => topics[topics.length - 1]),
        3,
      );
      const roundRobin = await project(
        definition,
        'round_robin',
        interleave((step, topics) => topics[step % topics.length]),
        1,
      );
      const twice = await project(definition, 'twice', [...HISTORY.slice(0, 9), ...HISTORY], 4);
      expect(topicsBackwards).toEqual(inOrder);
      expect(roundRobin).toEqual(inOrder);
      expect(twice).toEqual(inOrder);
      // The runner passes over types a projection does not declare: declaring too few would lose rows.
      const declaredOnly = await project(
        definition,
        'declared_only',
        HISTORY.filter((event) => definition.eventTypes.includes(event.type)),
        5,
      );
      expect(declaredOnly).toEqual(inOrder);
      expect(Object.values(inOrder).every((rows) => rows.length > 0)).toBe(true);
    },
  );

  it('reads only the topics it declares', () => {
    for (const definition of ANALYTICS_PROJECTIONS) {
      for (const topic of definition.topics) expect(Object.values(TOPICS)).toContain(topic);
    }
  });
});
