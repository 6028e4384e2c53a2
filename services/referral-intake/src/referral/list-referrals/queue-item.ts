import type { AuthenticatedUser } from '@csc/auth';
import { decisionTimeliness } from './domain/decision-timeliness';
import { isReReferralInQueue } from './domain/re-referral-flag';
import type { QueueRow } from './referral-queue';

/** Who the referral is about, opened from its sealed subject as the single referral read opens it; null if it cannot be. */
export type ChildName = { givenName: string; familyName: string } | null;

/**
 * One referral in the queue as the viewer may see it. A school sees what GET /v1/referrals/{id} shows
 * it of its own referrals and no more: not whether the child was known, had a case or was referred
 * before (case history), nor how long the front door took (its own performance, not the school's to know).
 */
export const queueItemOf = (row: QueueRow, child: ChildName, viewer: AuthenticatedUser, now: Date) => {
  const basics = {
    referralId: row.referralId,
    childId: row.childId,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    schoolUrn: row.schoolUrn,
    version: row.version,
    child,
  };
  if (viewer.role === 'SCHOOL') return basics;
  return {
    ...basics,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    ...decisionTimeliness(row.receivedAt, row.decidedAt, now),
    childKnown: row.childKnown,
    openCase: row.openCase,
    reReferral: isReReferralInQueue(row),
  };
};
