import { NO_FACTORS_IDENTIFIED, type AssessmentFactor } from '@csc/contracts';
import { DomainRuleViolation, StateConflict, isBankHoliday, isWeekend } from '@csc/domain';
import type { CaseState } from './case.state';

/**
 * The DfE CIN census validation rules a case must keep (DOMAIN.md), one named rule each, with the
 * census code in the name. Each throws a DomainRuleViolation (HTTP 422) naming the field and rule.
 */

export const caseIsOpen = (state: CaseState): void => {
  if (state.status === 'NONE') throw new Error('case not opened'); // the handler answers 404 first
  // 2990: nothing is recorded after a closure (with RC8/RC9 or any other reason).
  if (state.status === 'CLOSED')
    throw new StateConflict('caseId', `the case was closed on ${state.closure!.closedOn}; nothing more can be recorded (CIN rule 2990)`);
};

/** 1103 / 1104 / 8630: nothing is dated before the referral that began the case. */
export const notBeforeReferral_1103_1104_8630 = (state: CaseState, field: string, date: string, code: '1103' | '1104' | '8630') => {
  if (date < state.referralDate)
    throw new DomainRuleViolation(field, 'not-before-referral', `cannot be before the referral date ${state.referralDate}`, code);
};

/** 8831 / 4000: after an assessment found no further action, only closure (RC8) may follow. */
export const nothingAfterNoFurtherAction_8831_4000 = (state: CaseState, field: string) => {
  if (state.lastAssessmentOutcome === 'NO_FURTHER_ACTION') {
    throw new DomainRuleViolation(
      field,
      'nothing-after-no-further-action',
      'the assessment concluded no further action: close the case (RC8)',
      '8831',
    );
  }
};

/** 8869: factor 21 (no factors identified) is used alone. */
export const factor21Alone_8869 = (factors: AssessmentFactor[]) => {
  if (factors.includes(NO_FACTORS_IDENTIFIED) && factors.length > 1) {
    throw new DomainRuleViolation('factors', 'factor-21-alone', 'factor 21 (no factors identified) must be used alone', '8869');
  }
  if (factors.length === 0)
    throw new DomainRuleViolation('factors', 'factors-recorded', 'record at least one factor, or 21 for none', '8869');
};

/** 8875: an initial child protection conference is never held at a weekend (nor, in England and Wales, on a bank holiday). */
export const icpcOnAWorkingDay_8875 = (heldOn: string) => {
  if (isWeekend(heldOn))
    throw new DomainRuleViolation('heldOn', 'icpc-not-at-weekend', 'a child protection conference cannot be held at a weekend', '8875');
  if (isBankHoliday(heldOn))
    throw new DomainRuleViolation(
      'heldOn',
      'icpc-not-on-bank-holiday',
      'a child protection conference cannot be held on a bank holiday',
      '8875',
    );
};

/** 8840: a child protection plan cannot start and end on the same day. */
export const cpPlanNotStartAndEndSameDay_8840 = (startedOn: string, endedOn: string) => {
  if (endedOn === startedOn)
    throw new DomainRuleViolation('endedOn', 'cp-plan-not-one-day', 'a child protection plan cannot start and end on the same day', '8840');
};

/** 4004: only one open child in need plan per child. */
export const oneOpenCinPlan_4004 = (state: CaseState) => {
  if (Object.values(state.cinPlans).some((plan) => !plan.endedOn)) {
    throw new DomainRuleViolation('startedOn', 'one-open-cin-plan', 'the child already has an open child in need plan', '4004');
  }
};

/** 8825Q: closing as RC8 or RC9 ("after assessment") needs a completed assessment. */
export const closedAfterAssessmentNeedsOne_8825 = (state: CaseState, reason: string) => {
  if ((reason === 'RC8' || reason === 'RC9') && !Object.values(state.assessments).some((assessment) => assessment.authorisedOn)) {
    throw new DomainRuleViolation(
      'reason',
      'rc8-rc9-need-assessment',
      `${reason} means closed after assessment, and no assessment has been completed`,
      '8825Q',
    );
  }
};

/** A period cannot end before it began. */
export const notBefore = (field: string, date: string, earlier: string, what: string) => {
  if (date < earlier) throw new DomainRuleViolation(field, 'dates-in-order', `cannot be before ${what} (${earlier})`);
};

/** Closing with work still open would leave the census with plans that end after their episode. */
export const nothingOpenAtClosure = (state: CaseState) => {
  const open = [
    ...Object.values(state.cpPlans)
      .filter((plan) => !plan.endedOn)
      .map(() => 'a child protection plan'),
    ...Object.values(state.cinPlans)
      .filter((plan) => !plan.endedOn)
      .map(() => 'a child in need plan'),
    ...(state.lookedAfter ? ['a looked after period'] : []),
    ...Object.values(state.assessments)
      .filter((assessment) => !assessment.authorisedOn)
      .map(() => 'an assessment'),
  ];
  if (open.length > 0)
    throw new DomainRuleViolation('closedOn', 'nothing-open-at-closure', `end ${open.join(', ')} before closing the case`);
};
