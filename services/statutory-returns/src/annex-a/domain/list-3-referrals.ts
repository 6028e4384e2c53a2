import { CIN_REFERRAL_OUTCOMES } from '@csc/contracts';
import { addMonths, londonDateOf, type CalendarDate } from '@csc/domain';
import type { ChildRecord, ReferralRecord } from '../../child-records/domain/child-record';
import { allocatedColumns, childColumns, defineList, isWithin, sixMonthsBefore, type AnnexAItem } from './annex-a-list';
import { sourceValue, yesNo } from './annex-a-values';

interface Referral extends AnnexAItem {
  referral: ReferralRecord;
}

/** A contact becomes a referral when the front door decides it is one; until that day it is only a contact. */
const referralsBy = (child: ChildRecord, asOf: CalendarDate): ReferralRecord[] =>
  child.referrals.filter(
    (referral) =>
      referral.outcome !== null &&
      CIN_REFERRAL_OUTCOMES.includes(referral.outcome) &&
      referral.decidedAt !== null &&
      londonDateOf(new Date(referral.decidedAt)) <= asOf,
  );

/** The child's referrals in the twelve months before this one, this one left out (a count of re-referrals). */
const earlierReferrals = ({ child, asOf, referral }: Referral): number => {
  const from = addMonths(referral.referralDate, -12);
  return referralsBy(child, asOf).filter(
    (other) =>
      other.referralId !== referral.referralId &&
      other.referralDate >= from &&
      Date.parse(other.receivedAt) < Date.parse(referral.receivedAt),
  ).length;
};

/**
 * List 3: every referral received in the six months before the inspection; a child referred twice
 * has two rows. A referral is what the census counts as one: accepted for assessment, or closed with
 * no further action.
 */
export const LIST_3_REFERRALS = defineList<Referral>({
  number: 3,
  title: 'Referrals',
  sheetName: 'List 3 - Referrals',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    return children.flatMap((child) =>
      referralsBy(child, asOf)
        .filter((referral) => isWithin(referral.referralDate, from, asOf))
        .map((referral) => ({ child, asOf, referral })),
    );
  },
  sortDate: ({ referral }) => referral.referralDate,
  tiebreak: ({ referral }) => `${new Date(referral.receivedAt).toISOString()} ${referral.referralId}`,
  columns: [
    ...childColumns<Referral>(),
    { heading: 'Date of referral', value: ({ referral }) => referral.referralDate },
    { heading: 'Referral Source', value: ({ referral }) => sourceValue(referral.source) },
    { heading: 'Referral NFA?', value: ({ referral }) => yesNo(referral.outcome === 'NFA') },
    { heading: 'Number of Referrals in Last 12 Months', value: earlierReferrals },
    ...allocatedColumns<Referral>(),
  ],
});
