import { NO_FACTORS_IDENTIFIED, type AssessmentFactor } from '@csc/contracts';
import { DomainRuleViolation, isBankHoliday, isWeekend } from '@csc/domain';
import type { CaseState } from './case.state';

/**
 * The DfE CIN census validation rules a case must keep (docs/domain.md), one named rule each, with the
 * census code in the name. Each throws a DomainRuleViolation (HTTP 422) naming the field and rule.
 */

/** 2990 / 8565: no activity after a case is closed (with RC8/RC9 or any other reason). */
export const caseIsOpen_2990_8565 = (state: CaseState): void => {
  if (state.status === 'NONE') throw new Error('case not opened'); // the handler answers 404 first
  if (state.status === 'CLOSED') {
    throw new DomainRuleViolation(
      'caseId',
      'nothing-after-closure',
      `the case was closed on ${state.closure!.closedOn}; nothing more can be recorded`,
      '8565',
    );
  }
};

/** 1103 / 1104 / 2889 / 4015 / 8630: nothing is dated before the referral that began the case. */
export const notBeforeReferral = (state: CaseState, field: string, date: string, code: '1103' | '1104' | '2889' | '4015' | '8630') => {
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
    throw new DomainRuleViolation('factors', 'factors-recorded', 'record at least one factor, or 21 for none', '8897Q');
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

/** 4001: a child in need plan does not run at the same time as a child protection plan. */
export const noCinPlanDuringCpPlan_4001 = (state: CaseState) => {
  if (Object.values(state.cpPlans).some((plan) => !plan.endedOn)) {
    throw new DomainRuleViolation(
      'startedOn',
      'no-cin-plan-during-cp-plan',
      'the child is on a child protection plan; end it before a child in need plan starts',
      '4001',
    );
  }
};

/** 8890: a Section 47 enquiry does not start while another is ongoing. */
export const oneSection47AtATime_8890 = (state: CaseState) => {
  if (Object.values(state.section47s).some((section47) => !section47.concludedOn)) {
    throw new DomainRuleViolation('section47', 'one-section-47-at-a-time', 'another Section 47 enquiry is still ongoing', '8890');
  }
};

/** 8615: an initial child protection conference follows a Section 47 enquiry that started on or before it. */
export const icpcFollowsSection47_8615 = (section47StartedOn: string | null, heldOn: string) => {
  if (!section47StartedOn)
    throw new DomainRuleViolation(
      'heldOn',
      'icpc-after-section-47',
      'an initial child protection conference needs a Section 47 enquiry that called for it',
      '8615',
    );
  if (heldOn < section47StartedOn)
    throw new DomainRuleViolation(
      'heldOn',
      'icpc-after-section-47',
      `cannot be before the Section 47 enquiry started (${section47StartedOn})`,
      '8615',
    );
};

/** 8841: a child protection plan review is after the plan's start (and after the last review). */
export const reviewAfterPlanStart_8841 = (heldOn: string, after: string) => {
  if (heldOn <= after)
    throw new DomainRuleViolation(
      'heldOn',
      'review-after-plan-start',
      `must be after ${after}, when the plan started or was last reviewed`,
      '8841',
    );
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
    // 8868: a Section 47 enquiry is concluded (its ICPC held, or none required) before the episode closes.
    ...Object.entries(state.section47s)
      .filter(
        ([id, section47]) =>
          !section47.concludedOn ||
          (section47.icpcRequired && !Object.values(state.conferences).some((conference) => conference.section47Id === id)),
      )
      .map(() => 'a Section 47 enquiry (conclude it, or hold its conference)'),
  ];
  if (open.length > 0)
    throw new DomainRuleViolation('closedOn', 'nothing-open-at-closure', `end ${open.join(', ')} before closing the case`);
};
