import type { Figure } from './figure';
import {
  appropriatenessBySchool,
  appropriatenessBySource,
  earlyHelpFunnel,
  evaluationBeforeAfter,
  reReferralsByMonth,
  timelinessByMonth,
  type AppropriatenessRow,
  type EarlyHelpOutcomes,
  type Evaluation,
  type ReReferralRow,
  type Timeliness,
} from './dashboard-figures';
import { evaluationQuery, periodQuery, type DashboardPeriod } from './dashboard-period';

/** Reads one analytics view as the signed-in user. */
export type ReadView = <T>(path: string) => Promise<T>;

const withQuery = (path: string, query: string) => (query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path);

/** Each figure of the dashboard, in the order shown, by the id its CSV link names; null when it has nothing to show (no cohort). */
export const FIGURES: Record<string, (read: ReadView, period: DashboardPeriod) => Promise<Figure | null>> = {
  're-referrals-by-month': async (read, period) =>
    reReferralsByMonth(await read<ReReferralRow[]>(withQuery('/v1/views/re-referrals?groupBy=month', periodQuery(period)))),
  'appropriateness-by-school': async (read, period) =>
    appropriatenessBySchool(
      await read<AppropriatenessRow[]>(withQuery('/v1/views/referral-appropriateness?groupBy=school', periodQuery(period))),
    ),
  'appropriateness-by-source': async (read, period) =>
    appropriatenessBySource(
      await read<AppropriatenessRow[]>(withQuery('/v1/views/referral-appropriateness?groupBy=source', periodQuery(period))),
    ),
  'timeliness-by-month': async (read, period) =>
    timelinessByMonth(await read<Timeliness>(withQuery('/v1/views/timeliness', periodQuery(period)))),
  'early-help-funnel': async (read, period) =>
    earlyHelpFunnel(await read<EarlyHelpOutcomes>(withQuery('/v1/views/early-help-outcomes', periodQuery(period)))),
  evaluation: async (read, period) => {
    const query = evaluationQuery(period);
    return query === null ? null : evaluationBeforeAfter(await read<Evaluation>(`/v1/views/evaluation?${query}`));
  },
};
