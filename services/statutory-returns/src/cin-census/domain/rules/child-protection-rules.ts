import type { CensusRule } from './census-rule';
import { CIN_AND_CP_PLAN_RULES } from './cin-and-cp-plans.rules';
import { CONFERENCE_RULES } from './conference.rules';
import { CP_PLAN_DETAIL_RULES } from './cp-plan-details.rules';
import { CP_PLAN_RULES } from './cp-plan.rules';
import { SECTION_47_RULES } from './section47.rules';

const byCode = (a: CensusRule, b: CensusRule): number => parseInt(a.code, 10) - parseInt(b.code, 10);

/** The rules on Section 47 enquiries, initial conferences and child protection plans, in the DfE's code order. */
export const CHILD_PROTECTION_RULES: CensusRule[] = [
  ...SECTION_47_RULES,
  ...CONFERENCE_RULES,
  ...CP_PLAN_RULES,
  ...CP_PLAN_DETAIL_RULES,
  ...CIN_AND_CP_PLAN_RULES,
].sort(byCode);
