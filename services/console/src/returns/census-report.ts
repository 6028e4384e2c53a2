/** `GET /v1/returns/cin-census/{year}/report` (README, "Statutory returns"). */
export interface CensusReport {
  year: string;
  collectionPeriod: { start: string; end: string };
  children: number;
  cinDetails: number;
  errors: number;
  queries: number;
  /** One row per rule checked, broken or not. */
  counts: RuleCount[];
  findings: CensusFinding[];
}

export interface RuleCount {
  rule: string;
  severity: 'ERROR' | 'QUERY';
  message: string;
  count: number;
}

export interface CensusFinding {
  /** The DfE's rule code: `8869`, `2886Q`. */
  rule: string;
  severity: 'ERROR' | 'QUERY';
  /** Null for a finding about the whole return. */
  childId: string | null;
  laChildId: string | null;
  caseId?: string;
  /** The census element at fault, e.g. `AssessmentActualStartDate`. */
  field: string;
  message: string;
}

export const severityName = (severity: RuleCount['severity']): string => (severity === 'ERROR' ? 'Error' : 'Query');
