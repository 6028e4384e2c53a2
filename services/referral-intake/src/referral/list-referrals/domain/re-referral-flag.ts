import { isReReferral, type CalendarDate } from '@csc/domain';

export interface ReferralHistory {
  /** This referral's date (the London day it was received). */
  referralDate: CalendarDate;
  /** Whether its decision made it a CIN referral; null while undecided. */
  cinReferral: boolean | null;
  /** The date of the child's latest CIN referral received before this one, if any. */
  previousCinReferralDate: CalendarDate | null;
}

/**
 * docs/domain.md's re-referral: a CIN referral within 12 months of the child's previous CIN referral.
 * Decided, it is the census's answer (a referral decided as anything but a CIN referral is not one).
 * Undecided, it answers what the front door needs while deciding: it would be one if accepted.
 */
export const isReReferralInQueue = ({ referralDate, cinReferral, previousCinReferralDate }: ReferralHistory): boolean =>
  cinReferral !== false && previousCinReferralDate !== null && isReReferral(previousCinReferralDate, referralDate);
