/**
 * Every CIN referral in the referrals table `referrals`, each marked whether it is a re-referral
 * by docs/domain.md's rule: the same child (as matched, if matched later) had a CIN referral received
 * earlier, dated on or before the same calendar date a year before (a year after 29 February is
 * 28 February, which PostgreSQL's interval arithmetic gives). Every CIN referral ever is the
 * history; callers filter only what they count. Columns: the referral's, plus `child` and `re_referral`.
 */
export const cinReferralsMarkedSql = (referrals: string): string => `
  SELECT cin.*, (cin.previous_date IS NOT NULL AND cin.referral_date <= (cin.previous_date + interval '1 year')::date) AS re_referral
  FROM (
    SELECT r.*, coalesce(r.matched_child_id, r.child_id) AS child,
           lag(r.referral_date) OVER (PARTITION BY coalesce(r.matched_child_id, r.child_id) ORDER BY r.received_at, r.referral_id) AS previous_date
    FROM ${referrals} r WHERE r.cin_referral
  ) cin`;
