import { TOPICS } from '@csc/contracts';
import { upsertRows, type ProjectionDefinition } from '@csc/projections';
import { column, dataOfType } from './event-columns';

/**
 * Referrals and the cases they became, as facts keyed by id: who referred, by which route, what
 * the front door decided and when, whether it had to ask for more, which child it was, and how
 * the case closed. Each column is set by the events that know it, whatever order they come in.
 * No personal data: ids, codes and dates only.
 */
export const referralsProjection: ProjectionDefinition = {
  name: 'referrals',
  topics: [TOPICS.referralIntake, TOPICS.caseProgression],
  eventTypes: ['ReferralReceived', 'ReferralDecided', 'InformationRequested', 'ChildMatched', 'CaseOpened', 'CaseClosed'],
  tables: ['referrals', 'cases'],

  async createTables(manager, tables) {
    await manager.query(`
      CREATE TABLE ${tables.referrals} (
        referral_id uuid PRIMARY KEY,
        child_id uuid,
        matched_child_id uuid,
        received_at timestamptz,
        referral_date date,
        source text,
        referrer_organisation_id text,
        outcome text,
        decided_at timestamptz,
        cin_referral boolean,
        information_requested boolean
      )`);
    await manager.query(`
      CREATE TABLE ${tables.cases} (
        case_id uuid PRIMARY KEY,
        referral_id uuid,
        child_id uuid,
        referral_date date,
        closed_on date,
        closure_reason text
      )`);
  },

  async apply(manager, events, tables) {
    const of = dataOfType(events);
    const referralKey = column('referral_id', 'uuid');
    await upsertRows(
      manager,
      tables.referrals,
      referralKey,
      [
        column('child_id', 'uuid'),
        column('received_at', 'timestamptz'),
        column('referral_date', 'date'),
        column('source', 'text'),
        column('referrer_organisation_id', 'text'),
        column('outcome', 'text'),
        column('decided_at', 'timestamptz'),
        column('cin_referral', 'boolean'),
        column('information_requested', 'boolean', 'any-true'),
      ],
      [
        ...of('ReferralReceived').map((data) => ({
          referral_id: data.referralId,
          child_id: data.childId,
          received_at: data.receivedAt,
          source: data.source,
          referrer_organisation_id: data.referrerOrganisationId,
        })),
        ...of('ReferralDecided').map((data) => ({
          referral_id: data.referralId,
          child_id: data.childId,
          received_at: data.receivedAt,
          referral_date: data.referralDate,
          source: data.source,
          referrer_organisation_id: data.referrerOrganisationId,
          outcome: data.outcome,
          decided_at: data.decidedAt,
          cin_referral: data.cinReferral,
          information_requested: (data.informationRequestCount as number) > 0,
        })),
        ...of('InformationRequested').map((data) => ({ referral_id: data.referralId, information_requested: true })),
      ],
    );
    // The child a referral was matched to: a later match (a merge) may name another child than the one first recorded.
    await upsertRows(
      manager,
      tables.referrals,
      referralKey,
      [column('matched_child_id', 'uuid')],
      of('ChildMatched').map((data) => ({
        referral_id: data.referralId,
        matched_child_id: data.childId,
      })),
    );
    await upsertRows(
      manager,
      tables.cases,
      column('case_id', 'uuid'),
      [
        column('referral_id', 'uuid'),
        column('child_id', 'uuid'),
        column('referral_date', 'date'),
        column('closed_on', 'date'),
        column('closure_reason', 'text'),
      ],
      [
        ...of('CaseOpened').map((data) => ({
          case_id: data.caseId,
          referral_id: data.referralId,
          child_id: data.childId,
          referral_date: data.referralDate,
        })),
        ...of('CaseClosed').map((data) => ({ case_id: data.caseId, closed_on: data.closedOn, closure_reason: data.reason })),
      ],
    );
  },
};
