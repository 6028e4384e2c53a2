import type { ReasonForClosure } from '@csc/contracts';
import { addMonths } from '@csc/domain';
import { latestOf, type CaseSteps } from './case-steps';
import { fictionalSocialWorker } from './fictional-people';
import type { LocalAuthority } from './local-authority';
import { CASE_SHARES } from './national-mix';
import type { ProtectionPlan } from './section-47-enquiry';
import type { Weighted } from './seeded-random';
import { addDays, workingDayOnOrAfter } from './working-calendar';

/** Why being looked after ended (the looked-after return's reason codes), and the case closure it leads to. */
const LOOKED_AFTER_ENDINGS: Weighted<[string, ReasonForClosure]>[] = [
  { value: ['E13', 'RC7'], weight: 45 },
  { value: ['E11', 'RC1'], weight: 15 },
  { value: ['E45', 'RC4'], weight: 20 },
  { value: ['E41', 'RC3'], weight: 20 },
];

export interface CaseWork {
  /** The day the last of the work ended. */
  endedOn: string;
  /** A child protection or child in need plan was made: the case cannot then close RC8 or RC9 (2990). */
  planned: boolean;
  /** How the case must close, when being looked after ended the work. */
  reason: ReasonForClosure | null;
}

/**
 * The work after an assessment that found the child in need, in the order the census allows: a child
 * protection plan reviewed three months after the conference and then at most every six (each review
 * after the start: 8841, and before the end), never ending the day it started (8840); perhaps looked
 * after; a child in need plan only once the assessment is done and no child protection plan is open
 * (4001, 4003, 4016, 4017), one at a time (4004, 4014). `lastDay` is the assessment's and enquiry's last step.
 */
export const planTheWork = (
  la: LocalAuthority,
  steps: CaseSteps,
  caseId: string,
  plan: ProtectionPlan | null,
  lastDay: string,
): CaseWork => {
  const { random } = la;
  let endedOn = lastDay;
  let childInNeedPlan = !plan && random.chance(CASE_SHARES.childInNeedPlan);
  if (plan) {
    const roll = random.next();
    const length =
      roll < 0.1 ? random.int(30, 89) : roll < 0.5 ? random.int(90, 364) : roll < 0.9 ? random.int(365, 700) : random.int(701, 900);
    const lookedAfter = random.chance(CASE_SHARES.lookedAfterOnPlan) && length > 60;
    const planEndsOn = addDays(plan.startedOn, lookedAfter ? random.int(14, Math.min(length - 1, 180)) : length);
    for (
      let review = workingDayOnOrAfter(addMonths(plan.startedOn, 3));
      review < planEndsOn;
      review = workingDayOnOrAfter(addDays(addMonths(review, 6), -random.int(3, 14)))
    ) {
      steps.add(review, 'protectionPlanReviewed', [
        { type: 'ChildProtectionPlanReviewed', data: { caseId, planId: plan.planId, heldOn: review, latestCategory: plan.category } },
      ]);
    }
    steps.add(planEndsOn, 'protectionPlanEnded', [
      { type: 'ChildProtectionPlanEnded', data: { caseId, planId: plan.planId, endedOn: planEndsOn } },
    ]);
    endedOn = latestOf(lastDay, planEndsOn);
    if (lookedAfter) {
      // Being looked after ends the child protection plan the day it begins.
      const periodId = random.uuid();
      const startedOn = planEndsOn;
      steps.add(startedOn, 'becameLookedAfter', [
        { type: 'BecameLookedAfter', data: { caseId, periodId, startedOn, legalStatus: random.pick(['C2', 'J2', 'V2']) } },
      ]);
      const ceasedOn = addDays(startedOn, random.int(180, 900));
      const [reason, closure] = random.weighted(LOOKED_AFTER_ENDINGS);
      steps.add(ceasedOn, 'ceasedToBeLookedAfter', [
        { type: 'CeasedToBeLookedAfter', data: { caseId, periodId, endedOn: ceasedOn, reason } },
      ]);
      return { endedOn: latestOf(endedOn, ceasedOn), planned: true, reason: closure };
    }
    childInNeedPlan = random.chance(CASE_SHARES.childInNeedPlanAfterProtection);
  }
  if (childInNeedPlan) {
    const planId = random.uuid();
    // On the day the child protection plan ends at the earliest (4016 allows that day, not before).
    const startedOn = addDays(endedOn, random.int(0, 14));
    const planEndsOn = addDays(startedOn, random.int(60, 365));
    steps.add(startedOn, 'childInNeedPlanStarted', [
      { type: 'ChildInNeedPlanStarted', data: { caseId, planId, startedOn, namedSocialWorker: fictionalSocialWorker(random) } },
    ]);
    steps.add(planEndsOn, 'childInNeedPlanEnded', [{ type: 'ChildInNeedPlanEnded', data: { caseId, planId, endedOn: planEndsOn } }]);
    return { endedOn: planEndsOn, planned: true, reason: null };
  }
  // Without a plan: a few weeks or months of work with the family before the case closes.
  return { endedOn: plan ? endedOn : addDays(endedOn, random.int(20, 120)), planned: plan !== null, reason: null };
};
