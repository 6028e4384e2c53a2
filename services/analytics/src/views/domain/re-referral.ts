import { isReReferral } from '@csc/domain';

/**
 * The DfE's re-referral rule (docs/domain.md): a CIN referral is a re-referral when the same child had an
 * earlier CIN referral within 12 months, i.e. on or before the same calendar date one year later.
 * One year after 29 February is 28 February. "Earlier" is by time received: of two on one day, the
 * later-received is the re-referral. The SQL of the re-referral view keeps the same rule; the
 * tests hold both to the same cases. The rule itself
 * is libs/domain's, shared with the front door's queue.
 */
export { isReReferral, oneYearAfter } from '@csc/domain';

export interface CinReferral {
  referralId: string;
  childId: string;
  receivedAt: string;
  referralDate: string;
}

/** The ids of the referrals that are re-referrals, comparing each with the same child's previous one. */
export const reReferralsAmong = (referrals: CinReferral[]): Set<string> => {
  const byChild = new Map<string, CinReferral[]>();
  for (const referral of referrals) byChild.set(referral.childId, [...(byChild.get(referral.childId) ?? []), referral]);
  const reReferrals = new Set<string>();
  for (const history of byChild.values()) {
    history.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.referralId.localeCompare(b.referralId));
    for (let index = 1; index < history.length; index += 1) {
      if (isReReferral(history[index - 1].referralDate, history[index].referralDate)) reReferrals.add(history[index].referralId);
    }
  }
  return reReferrals;
};
