import type { EntityManager } from 'typeorm';
import { londonDateOf } from '@csc/domain';
import type { ReferralEvent, ReferralStatus } from '../referral.decider';

/**
 * Keeps the front door's queue (referral_queue) in step with each referral's stream, called by the
 * shared command path (AggregateStore's afterAppend) inside the transaction that appends the events.
 *
 * Why here and not a Kafka reaction (as child_records and referral_cases are kept) or a ProjectionHost
 * view (as analytics keeps its own): those are for facts that arrive from other services' topics, or
 * for views that may lag. This table is the service's own state, and the front door lists a referral
 * the moment it is received or decided: a row that lagged its write would show a decided referral
 * still waiting, or not show a new one at all. In the append's transaction it can never disagree with
 * the log, and the migration that made it filled it from the events already stored (its SQL rebuilds
 * it from the log).
 * Statuses change as the decider's evolve changes them.
 */
export const keepReferralQueue = async (referralId: string, events: readonly ReferralEvent[], manager: EntityManager): Promise<void> => {
  for (const event of events) await applyToQueue(referralId, event, manager);
  // Each event is one stream version: the row's version stays the stream's (the ETag a write needs).
  if (events.length > 0)
    await manager.query(`UPDATE referral_queue SET version = version + $2 WHERE referral_id = $1`, [referralId, events.length]);
};

const applyToQueue = async (referralId: string, event: ReferralEvent, manager: EntityManager): Promise<void> => {
  switch (event.type) {
    case 'ReferralReceived': {
      const { childId, receivedAt, source, referrerOrganisationId, child } = event.data;
      await manager.query(
        `INSERT INTO referral_queue (referral_id, child_id, received_at, referral_date, source, referrer_organisation_id, school_urn, status, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)`,
        [referralId, childId, receivedAt, londonDateOf(new Date(receivedAt)), source, referrerOrganisationId, child.schoolUrn, 'RECEIVED'],
      );
      return;
    }
    case 'ChildMatched':
      await manager.query(`UPDATE referral_queue SET child_known = $2 WHERE referral_id = $1`, [
        referralId,
        event.data.matchedExistingChild,
      ]);
      return;
    case 'InformationRequested':
      await setStatus(manager, referralId, 'AWAITING_INFORMATION');
      return;
    case 'InformationProvided':
      await setStatus(manager, referralId, 'RECEIVED');
      return;
    case 'ReferralDecided':
      await manager.query(`UPDATE referral_queue SET status = $2, decided_at = $3, cin_referral = $4 WHERE referral_id = $1`, [
        referralId,
        'DECIDED',
        event.data.decidedAt,
        event.data.cinReferral,
      ]);
      return;
    default:
      return unreachable(event);
  }
};

const setStatus = (manager: EntityManager, referralId: string, value: ReferralStatus) =>
  manager.query(`UPDATE referral_queue SET status = $2 WHERE referral_id = $1`, [referralId, value]);

const unreachable = (value: never): never => {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
};
