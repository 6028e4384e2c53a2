import type { NamedSocialWorker } from '@csc/contracts';

/** A notification as a school sees it, in its inbox and as a webhook's body (docs/http-api.md). */
export interface SchoolNotification {
  id: string;
  childId: string;
  referralId?: string;
  type: string;
  occurredAt: string;
  summary: string;
  socialWorker?: NamedSocialWorker;
}

export const SCHOOL_NOTIFICATION_COLUMNS = 'notification_id, child_id, referral_id, type, occurred_at, summary, social_worker';

export interface SchoolNotificationRow {
  notification_id: string;
  child_id: string;
  referral_id: string | null;
  type: string;
  occurred_at: Date;
  summary: string;
  social_worker: NamedSocialWorker | null;
}

export const toSchoolNotification = (row: SchoolNotificationRow): SchoolNotification => ({
  id: row.notification_id,
  childId: row.child_id,
  ...(row.referral_id ? { referralId: row.referral_id } : {}),
  type: row.type,
  occurredAt: row.occurred_at.toISOString(),
  summary: row.summary,
  ...(row.social_worker ? { socialWorker: row.social_worker } : {}),
});
