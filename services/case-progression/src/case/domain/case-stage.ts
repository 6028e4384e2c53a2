import type { CaseState } from './case.state';

/** Where the child is now, most serious first: the case view's `stage`, and the caseload's filter. */
export const CASE_STAGES = [
  'CLOSED',
  'LOOKED_AFTER',
  'CHILD_PROTECTION_PLAN',
  'SECTION_47',
  'CHILD_IN_NEED_PLAN',
  'ASSESSMENT',
  'OPEN',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** One word for where the child is now, most serious first. */
export const caseStageOf = (state: CaseState): CaseStage => {
  if (state.status === 'CLOSED') return 'CLOSED';
  if (state.lookedAfter) return 'LOOKED_AFTER';
  if (Object.values(state.cpPlans).some((plan) => !plan.endedOn)) return 'CHILD_PROTECTION_PLAN';
  const conferenced = new Set(Object.values(state.conferences).map((conference) => conference.section47Id));
  const section47Active = Object.entries(state.section47s).some(
    ([id, section47]) => !section47.concludedOn || (section47.icpcRequired && !conferenced.has(id)),
  );
  if (section47Active) return 'SECTION_47';
  if (Object.values(state.cinPlans).some((plan) => !plan.endedOn)) return 'CHILD_IN_NEED_PLAN';
  if (Object.values(state.assessments).some((assessment) => !assessment.authorisedOn)) return 'ASSESSMENT';
  return 'OPEN';
};
