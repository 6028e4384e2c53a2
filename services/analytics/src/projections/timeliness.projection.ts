import { TOPICS } from '@csc/contracts';
import { upsertRows, type ProjectionDefinition } from '@csc/projections';
import { column, dataOfType } from './event-columns';

/**
 * The two statutory clocks, as case-progression measured them when it recorded each step: an
 * assessment authorised within 45 working days of the referral, an initial child protection
 * conference within 15 working days of the strategy discussion that started the S47 enquiry.
 * The working days travel on the events, so this view and the case record never disagree.
 */
export const timelinessProjection: ProjectionDefinition = {
  name: 'timeliness',
  topics: [TOPICS.caseProgression],
  eventTypes: ['AssessmentCompleted', 'ChildProtectionConferenceHeld'],
  tables: ['assessments', 'initial_conferences'],

  async createTables(manager, tables) {
    await manager.query(`
      CREATE TABLE ${tables.assessments} (
        assessment_id uuid PRIMARY KEY,
        case_id uuid,
        authorised_on date,
        working_days integer,
        within_timescale boolean
      )`);
    await manager.query(`
      CREATE TABLE ${tables.initial_conferences} (
        conference_id uuid PRIMARY KEY,
        case_id uuid,
        held_on date,
        working_days integer,
        within_timescale boolean
      )`);
  },

  async apply(manager, events, tables) {
    const of = dataOfType(events);
    await upsertRows(
      manager,
      tables.assessments,
      column('assessment_id', 'uuid'),
      [
        column('case_id', 'uuid'),
        column('authorised_on', 'date'),
        column('working_days', 'integer'),
        column('within_timescale', 'boolean'),
      ],
      of('AssessmentCompleted').map((data) => ({
        assessment_id: data.assessmentId,
        case_id: data.caseId,
        authorised_on: data.authorisedOn,
        working_days: data.workingDaysFromReferral,
        within_timescale: data.withinTimescale,
      })),
    );
    await upsertRows(
      manager,
      tables.initial_conferences,
      column('conference_id', 'uuid'),
      [column('case_id', 'uuid'), column('held_on', 'date'), column('working_days', 'integer'), column('within_timescale', 'boolean')],
      of('ChildProtectionConferenceHeld').map((data) => ({
        conference_id: data.conferenceId,
        case_id: data.caseId,
        held_on: data.heldOn,
        working_days: data.workingDaysFromStrategyDiscussion,
        within_timescale: data.withinTimescale,
      })),
    );
  },
};
