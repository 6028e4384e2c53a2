import type { CalendarDate } from './calendar-dates';

/**
 * The DfE's re-referral rule (docs/domain.md): a CIN referral is a re-referral when the same child had an
 * earlier CIN referral within 12 months, i.e. on or before the same calendar date one year later.
 * One year after 29 February is 28 February. "Earlier" is by time received: of two on one day, the
 * later-received is the re-referral.
 */
export const oneYearAfter = (date: CalendarDate): CalendarDate => {
  const [year, month, day] = date.split('-').map(Number);
  const leapDayInCommonYear = month === 2 && day === 29 && !isLeapYear(year + 1);
  return `${String(year + 1).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(leapDayInCommonYear ? 28 : day).padStart(2, '0')}`;
};

/** Whether a referral on `referralDate` comes within 12 months of the child's previous CIN referral, dated `previousReferralDate`. */
export const isReReferral = (previousReferralDate: CalendarDate, referralDate: CalendarDate): boolean =>
  referralDate <= oneYearAfter(previousReferralDate);

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
