import { textOf as text } from '../forms/form-values';

/** The dashboard's GET form as the browser sends it. */
export interface DashboardForm {
  from?: string;
  to?: string;
  schools?: string;
  since?: string;
}

export interface DashboardPeriod {
  from: string;
  to: string;
  /** The evaluation's cohort: school URNs, comma or space separated as typed. */
  schools: string;
  since: string;
}

/** What the form asked for, each field a string: the API checks them and names what is wrong. */
export const dashboardPeriodFrom = (form: DashboardForm): DashboardPeriod => ({
  from: text(form.from),
  to: text(form.to),
  schools: text(form.schools)
    .split(/[\s,]+/)
    .filter(Boolean)
    .join(','),
  since: text(form.since),
});

/** The period for every view (`from`, `to`, both days included); empty ends are left out. */
export const periodQuery = (period: DashboardPeriod): string => queryOf({ from: period.from, to: period.to });

/** The evaluation needs a cohort and a start date; without both there is nothing to evaluate. */
export const evaluationQuery = (period: DashboardPeriod): string | null =>
  period.schools && period.since ? queryOf({ schools: period.schools, since: period.since, from: period.from, to: period.to }) : null;

/** The dashboard's own address for the same choices (for the CSV links). */
export const dashboardQuery = (period: DashboardPeriod): string => queryOf({ ...period });

const queryOf = (fields: Record<string, string>): string => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value) query.set(name, value);
  return query.toString();
};

/** The API names its query parameters as the form names its fields. */
export const DASHBOARD_FIELDS = { from: 'from', to: 'to', schools: 'schools', since: 'since' };
