import { textOf as text } from '../forms/form-values';

/** The case view's stages (case-progression's `stage`), most serious first, with the words a social worker uses. */
export const CASE_STAGE_NAMES: Record<string, string> = {
  OPEN: 'Open, not yet assessed',
  ASSESSMENT: 'Assessment',
  SECTION_47: 'Section 47 enquiry',
  CHILD_PROTECTION_PLAN: 'Child protection plan',
  CHILD_IN_NEED_PLAN: 'Child in need plan',
  LOOKED_AFTER: 'Looked after',
  CLOSED: 'Closed',
};

/** What each `nextDue.what` is due. */
export const DUE_NAMES: Record<string, string> = {
  ASSESSMENT: 'Assessment',
  ICPC: 'Initial child protection conference',
  CP_REVIEW: 'Child protection review',
};

/** The caseload's GET form as the browser sends it. */
export interface CaseloadForm {
  stage?: string;
  dueBefore?: string;
  overdue?: string;
  after?: string;
}

export interface CaseloadFilters {
  stage: string;
  dueBefore: string;
  overdue: string;
  after: string;
}

/** What the form asked for, each a string: the API checks them and names what is wrong. */
export const caseloadFiltersFrom = (form: CaseloadForm): CaseloadFilters => ({
  stage: text(form.stage),
  dueBefore: text(form.dueBefore),
  overdue: text(form.overdue),
  after: text(form.after),
});

/** The filters as a query string, for the API (`GET /v1/cases`) and the console's own links alike. */
export const caseloadQuery = (filters: CaseloadFilters, after = filters.after): string => {
  const query = new URLSearchParams();
  for (const name of ['stage', 'dueBefore', 'overdue'] as const) if (filters[name]) query.set(name, filters[name]);
  if (after) query.set('after', after);
  return query.toString();
};

/** The API names its query parameters as the form names its fields. */
export const CASELOAD_FIELDS = { stage: 'stage', dueBefore: 'dueBefore', overdue: 'overdue' };

export const stageItems = (chosen: string) => [
  { value: '', text: 'Any stage', selected: chosen === '' },
  ...Object.entries(CASE_STAGE_NAMES).map(([value, name]) => ({ value, text: name, selected: value === chosen })),
];

export const overdueItems = (chosen: string) =>
  [
    { value: '', text: 'Any' },
    { value: 'true', text: 'Overdue only' },
    { value: 'false', text: 'Not overdue' },
  ].map((item) => ({ ...item, checked: item.value === chosen }));
