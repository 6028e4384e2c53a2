import type { FormErrors } from '../api/field-errors';
import { instant } from '../front-door/display';
import { calendarDay, todayInEngland } from '../display/calendar-day';
import { CASE_STAGE_NAMES } from './caseload-filters';
import {
  ASSESSMENT_OUTCOME_NAMES,
  caseReference,
  chosenFactors,
  FACTOR_CHOICES,
  type CaseRead,
  type CompleteAssessmentForm,
  type StartAssessmentForm,
} from './case-read';

export interface ChronologyRead {
  entries: { at: string; what: string; by: { role: string; org: string } }[];
}

export interface CasePageState {
  startForm?: { values: StartAssessmentForm; errors?: FormErrors };
  completeForm?: { values: CompleteAssessmentForm; errors?: FormErrors };
  /** A plain explanation above everything (a stale version). */
  conflict?: string;
  /** The version the forms post back: the one the page was opened at, kept across a refused post so a stale page stays stale. */
  formVersion: number | null;
}

/** The case page's view model: who, where the case is, what is due when (and what is overdue), its chronology and its next step. */
export const casePage = (read: CaseRead, chronology: ChronologyRead, state: CasePageState, today = todayInEngland()) => {
  const childName = [read.child.givenName, read.child.familyName].filter(Boolean).join(' ') || 'Name not available';
  const errors = [...(state.startForm?.errors?.summary ?? []), ...(state.completeForm?.errors?.summary ?? [])];
  const openAssessment = read.assessments.find((assessment) => !assessment.authorisedOn) ?? null;
  const closed = read.status === 'CLOSED';
  const completeValues = state.completeForm?.values ?? { authorisedAt: today };
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
        ? [{ key: { text: 'Closed' }, value: { text: `${calendarDay(read.closure.closedOn)} (${read.closure.reason})` } }]
        : []),
    ],
    dueDates: dueDateRows(read),
    asOf: calendarDay(read.dueDates.asOf),
    assessments: read.assessments.map((assessment) => ({
      startedOn: calendarDay(assessment.startedOn),
      authorisedOn: assessment.authorisedOn ? calendarDay(assessment.authorisedOn) : 'Not yet',
      outcome: assessment.outcome
        ? (ASSESSMENT_OUTCOME_NAMES[assessment.outcome as keyof typeof ASSESSMENT_OUTCOME_NAMES] ?? assessment.outcome)
        : '',
    })),
    // The first steps of a case's life: an assessment starts, then is completed; later steps stay with the API for now.
    canStartAssessment: !closed && read.assessments.length === 0,
    openAssessmentId: closed ? null : (openAssessment?.assessmentId ?? null),
    chronology: chronology.entries.map((entry) => ({ at: instant(entry.at), what: entry.what, by: `${entry.by.role} (${entry.by.org})` })),
    errorSummary: errors,
    conflict: state.conflict,
    formVersion: state.formVersion,
    startForm: state.startForm ?? { values: { startedAt: today } },
    completeForm: state.completeForm ?? { values: completeValues },
    factorItems: FACTOR_CHOICES.map((choice) => ({ ...choice, checked: chosenFactors(completeValues.factors).includes(choice.value) })),
    outcomeItems: Object.entries(ASSESSMENT_OUTCOME_NAMES).map(([value, text]) => ({ value, text })),
  };
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
