import type { AbuseCategory } from '@csc/contracts';
import { latestOf, type CaseSteps } from './case-steps';
import { fictionalSocialWorker } from './fictional-people';
import type { LocalAuthority } from './local-authority';
import { ABUSE_CATEGORY_MIX, CASE_SHARES } from './national-mix';
import { addWorkingDays, workingDaysBetween } from './working-calendar';

/** The services' timescale (case.decider.ts): an initial conference within 15 working days of the strategy discussion. */
export const ICPC_TIMESCALE = 15;

export interface ProtectionPlan {
  planId: string;
  category: AbuseCategory;
  /** The day of the initial conference that started it (census rule 2885). */
  startedOn: string;
}

export interface Section47Enquiry {
  /** Started after the assessment, which then concluded STRATEGY_DISCUSSION. */
  assessmentLed: boolean;
  icpcRequired: boolean;
  plan: ProtectionPlan | null;
  /** The enquiry's last step: its conclusion, or the conference it called for. */
  lastDay: string;
}

/**
 * A Section 47 enquiry as case-progression records it. A strategy discussion starts it, alongside the
 * assessment (never before the assessment starts, so the census never has an enquiry without one:
 * 2991Q, nor after an assessment that concluded no further action: 8831) or, for a third, after it.
 * A third call for an initial conference: held on a working day (8875), after the enquiry started
 * (8615), about 80% within 15 working days; most start a child protection plan that day (2885, 2883).
 */
export const section47Enquiry = (
  la: LocalAuthority,
  steps: CaseSteps,
  caseId: string,
  assessment: { startedOn: string; authorisedOn: string },
): Section47Enquiry => {
  const { random } = la;
  const assessmentLed = random.chance(0.3);
  const icpcRequired = random.chance(CASE_SHARES.icpcAfterSection47);
  const alongside = addWorkingDays(assessment.startedOn, random.int(0, 2));
  const strategyOn = assessmentLed
    ? addWorkingDays(assessment.authorisedOn, random.int(1, 3))
    : alongside < assessment.authorisedOn
      ? alongside
      : assessment.authorisedOn;
  const icpcAfter = random.chance(CASE_SHARES.icpcWithin15WorkingDays) ? random.int(5, ICPC_TIMESCALE) : random.int(ICPC_TIMESCALE + 1, 30);
  const concludedOn = addWorkingDays(strategyOn, icpcRequired ? random.int(2, icpcAfter) : random.int(3, 12));
  const section47Id = random.uuid();
  steps.add(strategyOn, 'strategyDiscussion', [
    { type: 'StrategyDiscussionHeld', data: { caseId, strategyDiscussionId: random.uuid(), heldOn: strategyOn, section47Id } },
  ]);
  steps.add(concludedOn, 'section47Concluded', [{ type: 'Section47Concluded', data: { caseId, section47Id, concludedOn, icpcRequired } }]);
  if (!icpcRequired) return { assessmentLed, icpcRequired, plan: null, lastDay: concludedOn };

  // addWorkingDays lands on a working day: never a weekend or bank holiday (8875).
  const heldOn = addWorkingDays(strategyOn, icpcAfter);
  const workingDays = workingDaysBetween(strategyOn, heldOn);
  const conferenceId = random.uuid();
  const plan: ProtectionPlan | null = random.chance(CASE_SHARES.planAtIcpc)
    ? { planId: random.uuid(), category: random.weighted(ABUSE_CATEGORY_MIX), startedOn: heldOn }
    : null;
  steps.add(heldOn, 'conference', [
    {
      type: 'ChildProtectionConferenceHeld',
      data: {
        caseId,
        conferenceId,
        heldOn,
        section47Id,
        childProtectionPlan: plan !== null,
        workingDaysFromStrategyDiscussion: workingDays,
        withinTimescale: workingDays <= ICPC_TIMESCALE,
      },
    },
    ...(plan
      ? [
          {
            type: 'ChildProtectionPlanStarted' as const,
            data: {
              caseId,
              planId: plan.planId,
              conferenceId,
              startedOn: heldOn,
              category: plan.category,
              namedSocialWorker: fictionalSocialWorker(random),
            },
          },
        ]
      : []),
  ]);
  return { assessmentLed, icpcRequired, plan, lastDay: latestOf(concludedOn, heldOn) };
};
