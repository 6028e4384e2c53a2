import type { CensusFinding, CensusReturn } from './census-return';
import type { CensusRule } from './rules/census-rule';
import { CHILD_PROTECTION_RULES } from './rules/child-protection-rules';
import { CHILD_RULES } from './rules/child-rules';
import { EPISODE_RULES } from './rules/episode-rules';
import { detailsReadable_KEY } from './rules/readable-details.rules';

/** Every DfE validation rule this product checks, in code order, then the product's own (that it could read the details). */
export const CENSUS_RULES: CensusRule[] = [
  ...[...CHILD_RULES, ...EPISODE_RULES, ...CHILD_PROTECTION_RULES].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
  detailsReadable_KEY,
];

export interface RuleCount {
  rule: string;
  severity: 'ERROR' | 'QUERY';
  message: string;
  count: number;
}

export interface CensusReport {
  findings: CensusFinding[];
  /** One row per rule checked, broken or not, so a zero is visible as a zero. */
  counts: RuleCount[];
  errors: number;
  queries: number;
}

/** What the DfE's validator would say of the return, before anyone submits it. */
export const validateCensus = (census: CensusReturn, rules: CensusRule[] = CENSUS_RULES): CensusReport => {
  const findings = rules.flatMap((rule) => rule.check(census));
  const counts = rules.map((rule) => ({
    rule: rule.code,
    severity: rule.severity,
    message: rule.text,
    count: findings.filter((finding) => finding.rule === rule.code).length,
  }));
  return {
    findings,
    counts,
    errors: findings.filter((finding) => finding.severity === 'ERROR').length,
    queries: findings.filter((finding) => finding.severity === 'QUERY').length,
  };
};
