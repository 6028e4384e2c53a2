import { ASSESSMENT_FACTOR_RULES } from './assessment-factor.rules';
import { ASSESSMENT_RULES } from './assessment.rules';
import type { CensusRule } from './census-rule';
import { CIN_DETAILS_RULES } from './cin-details.rules';
import { CIN_PLAN_RULES } from './cin-plan.rules';
import { EPISODE_ACTIVITY_RULES } from './episode-activity.rules';

const byCode = (a: CensusRule, b: CensusRule): number => a.code.localeCompare(b.code, 'en', { numeric: true });

/**
 * The DfE rules on CIN episodes, assessments and CIN plans, in code order (the order the DfE
 * lists them, so a report reads like their spreadsheet). Section 47, conference and CP plan rules
 * live elsewhere.
 */
export const EPISODE_RULES: CensusRule[] = [
  ...CIN_DETAILS_RULES,
  ...EPISODE_ACTIVITY_RULES,
  ...ASSESSMENT_RULES,
  ...ASSESSMENT_FACTOR_RULES,
  ...CIN_PLAN_RULES,
].sort(byCode);
