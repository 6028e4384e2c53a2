import { londonDateOf } from '@csc/domain';
import type { AggregateList } from '@csc/platform';
import type { ReferralState } from '../referral.decider';

/**
 * The front door's queue (referral_queue): one row per referral, a pure function of the folded
 * referral, written by the shared command path in the transaction that appends its events (see
 * AggregateList for why there, as the caseload and the early help list are). A new referral is in
 * the queue, and a decided one out of the waiting statuses, the moment the write commits. Ids, codes,
 * dates and flags only: names and identifiers stay sealed in the events, per child, and are opened
 * at read time as a single referral's read opens them.
 */
export const referralQueueList: AggregateList<ReferralState> = {
  table: 'referral_queue',
  idColumn: 'referral_id',
  rowOf: (state) =>
    state.status === 'NONE'
      ? null
      : {
          child_id: state.received.childId,
          received_at: state.received.receivedAt,
          referral_date: londonDateOf(new Date(state.received.receivedAt)),
          source: state.received.source,
          referrer_organisation_id: state.received.referrerOrganisationId,
          school_urn: state.received.child.schoolUrn,
          status: state.status,
          child_known: state.childKnown,
          decided_at: state.decision?.decidedAt ?? null,
          cin_referral: state.decision?.cinReferral ?? null,
        },
};
