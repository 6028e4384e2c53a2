import type { ReferralRecord } from '../../child-records/domain/child-record';
import { childColumns, defineList, isWithin, sixMonthsBefore, type AnnexAItem } from './annex-a-list';
import { sourceValue } from './annex-a-values';

interface Contact extends AnnexAItem {
  referral: ReferralRecord;
}

/**
 * List 1: every contact received in the six months before the inspection, one row per child per
 * contact. Every referral the front door received was a contact first, whatever was decided, so all
 * of them count, the ones still undecided too.
 */
export const LIST_1_CONTACTS = defineList<Contact>({
  number: 1,
  title: 'Contacts',
  sheetName: 'List 1 - Contacts',
  select: (children, asOf) => {
    const from = sixMonthsBefore(asOf);
    return children.flatMap((child) =>
      child.referrals.filter((referral) => isWithin(referral.referralDate, from, asOf)).map((referral) => ({ child, asOf, referral })),
    );
  },
  sortDate: ({ referral }) => referral.referralDate,
  tiebreak: ({ referral }) => `${new Date(referral.receivedAt).toISOString()} ${referral.referralId}`,
  columns: [
    ...childColumns<Contact>(),
    { heading: 'Date of Contact', value: ({ referral }) => referral.referralDate },
    { heading: 'Contact Source', value: ({ referral }) => sourceValue(referral.source) },
  ],
});
