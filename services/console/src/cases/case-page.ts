import { ABUSE_CATEGORIES, REASONS_FOR_CLOSURE } from '@csc/contracts';
import type { FormErrors } from '../api/field-errors';
import { instant } from '../front-door/display';
import { calendarDay, todayInEngland } from '../display/calendar-day';
import { datePartsFor } from '../forms/date-input';
import { actionsOffered } from './actions/actions-offered';
import { ASSESSMENT_OUTCOME_NAMES, COMPLETE_ASSESSMENT, FACTOR_CHOICES, START_ASSESSMENT } from './actions/assessment.forms';
import type { CaseForm, PostedForm } from './actions/case-form';
import { ABUSE_CATEGORY_ITEMS, CONFERENCE, SECTION_47_OUTCOME, STRATEGY_DISCUSSION } from './actions/child-protection.forms';
import { CLOSE_CASE, CLOSURE_REASON_ITEMS } from './actions/closure.forms';
import { CEASED_REASON_ITEMS, END_LOOKED_AFTER, LEGAL_STATUS_ITEMS, START_LOOKED_AFTER } from './actions/looked-after.forms';
import { END_CIN_PLAN, END_CP_PLAN, LATEST_CATEGORY_ITEMS, REVIEW_CP_PLAN, START_CIN_PLAN } from './actions/plans.forms';
import { LEGAL_STATUSES } from './actions/ssda903-codes';
import { CASE_STAGE_NAMES } from './caseload-filters';
import { caseReference, type CaseRead } from './case-read';

export interface ChronologyRead {
  entries: { at: string; what: string; by: { role: string; org: string } }[];
}

/** A form shown again after a refusal: what was posted, and the messages by field. */
export interface FormShown {
  values: PostedForm;
  errors?: FormErrors;
}

export interface CasePageState {
  /** The form that was posted and refused, by its name. */
  forms?: Record<string, FormShown>;
  /** A plain explanation above everything (a stale version). */
  conflict?: string;
  /** The version the forms post back: the one the page was opened at, kept across a refused post so a stale page stays stale. */
  formVersion: number | null;
}

/** Every form the case page can show: each is offered only when actionsOffered says the case allows it. */
const CASE_PAGE_FORMS: CaseForm[] = [
  START_ASSESSMENT,
  COMPLETE_ASSESSMENT,
  STRATEGY_DISCUSSION,
  SECTION_47_OUTCOME,
  CONFERENCE,
  START_CIN_PLAN,
  END_CIN_PLAN,
  REVIEW_CP_PLAN,
  END_CP_PLAN,
  START_LOOKED_AFTER,
  END_LOOKED_AFTER,
  CLOSE_CASE,
];

/** The case page's view model: who, where the case is, what is due when (and overdue), its history, and what can be recorded next. */
export const casePage = (read: CaseRead, chronology: ChronologyRead, state: CasePageState, today = todayInEngland()) => {
  const childName = childNameOf(read);
  const errors = Object.values(state.forms ?? {}).flatMap((form) => form.errors?.summary ?? []);
  return {
    pageTitle: `${errors.length > 0 || state.conflict ? 'Error: ' : ''}${caseReference(read.caseId)}: ${childName}`,
    caseId: read.caseId,
    reference: caseReference(read.caseId),
    childName,
    stage: CASE_STAGE_NAMES[read.stage] ?? read.stage,
    details: [
      { key: { text: 'Referral date' }, value: { text: calendarDay(read.referralDate) } },
      { key: { text: 'Primary need' }, value: { text: read.primaryNeed ?? 'Not recorded' } },
      { key: { text: 'School URN' }, value: { text: read.child.schoolUrn ?? 'Not known' } },
      ...(read.closure
        ? [{ key: { text: 'Closed' }, value: { text: `${calendarDay(read.closure.closedOn)}: ${closureReasonOf(read.closure.reason)}` } }]
        : []),
    ],
    dueDates: dueDateRows(read),
    asOf: calendarDay(read.dueDates.asOf),
    history: historyTables(read),
    offered: actionsOffered(read),
    chronology: chronology.entries.map((entry) => ({ at: instant(entry.at), what: entry.what, by: `${entry.by.role} (${entry.by.org})` })),
    errorSummary: errors,
    conflict: state.conflict,
    formVersion: state.formVersion,
    forms: Object.fromEntries(CASE_PAGE_FORMS.map((form) => [form.name, formShown(form, state, today)])),
    items: {
      factors: FACTOR_CHOICES,
      outcomes: Object.entries(ASSESSMENT_OUTCOME_NAMES).map(([value, text]) => ({ value, text })),
      categories: ABUSE_CATEGORY_ITEMS,
      latestCategories: LATEST_CATEGORY_ITEMS,
      legalStatuses: LEGAL_STATUS_ITEMS,
      ceasedReasons: CEASED_REASON_ITEMS,
      closureReasons: CLOSURE_REASON_ITEMS,
    },
  };
};

export const childNameOf = (read: CaseRead): string =>
  [read.child.givenName, read.child.familyName].filter(Boolean).join(' ') || 'Name not available';

/** The posted form with its messages, or a fresh one with its dates set to today (most things are recorded the day they happen). */
const formShown = (form: CaseForm, state: CasePageState, today: string) => {
  const shown = state.forms?.[form.name];
  const values = shown?.values ?? Object.assign({}, ...form.dateFields.map((field) => datePartsFor(field, today)));
  return { values, errors: shown?.errors?.byField ?? {} };
};

/** Each due date the case has, with an overdue tag where the API says it has passed. */
const dueDateRows = (read: CaseRead) =>
  [
    { what: 'Assessment', dueOn: read.dueDates.assessmentDueDate, overdue: read.dueDates.assessmentOverdue },
    { what: 'Initial child protection conference', dueOn: read.dueDates.icpcDueDate, overdue: read.dueDates.icpcOverdue },
    { what: 'Child protection review', dueOn: read.dueDates.nextCpReviewDueDate, overdue: read.dueDates.cpReviewOverdue },
  ]
    .filter((row) => row.dueOn)
    .map((row) => ({ what: row.what, dueOn: calendarDay(row.dueOn), overdue: row.overdue }));

const cell = (text: string) => ({ text });
const dayOrNotYet = (day: string | null | undefined) => (day ? calendarDay(day) : 'Not yet');
const yesNoOrNotYet = (answer: boolean | undefined) => (answer === undefined ? 'Not yet' : answer ? 'Yes' : 'No');
const closureReasonOf = (code: string) => `${code}: ${REASONS_FOR_CLOSURE[code as keyof typeof REASONS_FOR_CLOSURE] ?? ''}`;
const categoryOf = (code: string) => ABUSE_CATEGORIES[code as keyof typeof ABUSE_CATEGORIES] ?? code;

/** What has been recorded, as GOV.UK tables' rows (each shown only when it has any). */
const historyTables = (read: CaseRead) => ({
  assessments: read.assessments.map((assessment) => [
    cell(calendarDay(assessment.startedOn)),
    cell(dayOrNotYet(assessment.authorisedOn)),
    cell(
      assessment.outcome
        ? (ASSESSMENT_OUTCOME_NAMES[assessment.outcome as keyof typeof ASSESSMENT_OUTCOME_NAMES] ?? assessment.outcome)
        : '',
    ),
  ]),
  strategyDiscussions: read.strategyDiscussions.map((discussion) => [
    cell(calendarDay(discussion.heldOn)),
    cell(discussion.section47Id ? 'Yes' : 'No'),
  ]),
  section47s: read.section47s.map((section47) => [
    cell(calendarDay(section47.startedOn)),
    cell(dayOrNotYet(section47.concludedOn)),
    cell(yesNoOrNotYet(section47.icpcRequired)),
  ]),
  conferences: read.conferences.map((conference) => [cell(calendarDay(conference.heldOn))]),
  cpPlans: read.cpPlans.map((plan) => [
    cell(calendarDay(plan.startedOn)),
    cell(categoryOf(plan.latestCategory)),
    cell(plan.reviews.map(calendarDay).join(', ') || 'None yet'),
    cell(dayOrNotYet(plan.endedOn)),
  ]),
  cinPlans: read.cinPlans.map((plan) => [
    cell(calendarDay(plan.startedOn)),
    cell(plan.namedSocialWorker?.name ?? 'Not named'),
    cell(dayOrNotYet(plan.endedOn)),
  ]),
  lookedAfter: read.lookedAfter
    ? `Looked after since ${calendarDay(read.lookedAfter.startedOn)}, ${read.lookedAfter.legalStatus}: ${LEGAL_STATUSES[read.lookedAfter.legalStatus] ?? 'legal status'}`
    : null,
});
