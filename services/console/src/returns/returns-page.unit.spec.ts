import type { CensusReport } from './census-report';
import { censusReportShown } from './returns-page';

const REPORT: CensusReport = {
  year: '2024-25',
  collectionPeriod: { start: '2024-04-01', end: '2025-03-31' },
  children: 2,
  cinDetails: 3,
  errors: 1,
  queries: 60,
  counts: [
    { rule: '1510', severity: 'ERROR', message: 'UPN invalid', count: 0 },
    { rule: '4220', severity: 'ERROR', message: 'Ethnicity missing', count: 1 },
    { rule: '8670Q', severity: 'QUERY', message: 'Assessment late', count: 60 },
  ],
  findings: [
    { rule: '4220', severity: 'ERROR', childId: 'c-1', laChildId: 'la-1', field: 'Ethnicity', message: 'No ethnicity' },
    ...Array.from({ length: 60 }, (_, i) => ({
      rule: '8670Q',
      severity: 'QUERY' as const,
      childId: null,
      laChildId: null,
      field: 'AssessmentAuthorisationDate',
      message: `late ${i}`,
    })),
  ],
};

describe('what the returns page shows of a census report', () => {
  it('sums the return up, its period in words', () => {
    const shown = censusReportShown(REPORT, { rule: '', page: 1 });
    expect(shown.summary.map((row) => [row.key.text, row.value.text])).toEqual([
      ['Collection period', '1 April 2024 to 31 March 2025'],
      ['Children', '2'],
      ['CIN details', '3'],
      ['Errors', '1'],
      ['Queries', '60'],
    ]);
  });

  it('puts the rules that found something apart from those that found nothing', () => {
    const shown = censusReportShown(REPORT, { rule: '', page: 1 });
    expect(shown.rulesBroken).toEqual([
      { rule: '4220', severity: 'Error', message: 'Ethnicity missing', count: 1 },
      { rule: '8670Q', severity: 'Query', message: 'Assessment late', count: 60 },
    ]);
    expect(shown.rulesKept.map((row) => row.rule)).toEqual(['1510']);
  });

  it('shows a page of the findings kept, a finding about the whole return named so, and links to the other pages of the same rule', () => {
    const shown = censusReportShown(REPORT, { rule: '8670Q', page: 2 });
    expect(shown.findings).toMatchObject({ total: 60, page: 2, pageCount: 2 });
    expect(shown.findings.rows).toHaveLength(10);
    expect(shown.findings.rows[0]).toEqual({
      rule: '8670Q',
      severity: 'Query',
      child: 'The whole return',
      caseId: '',
      field: 'AssessmentAuthorisationDate',
      message: 'late 50',
    });
    expect(shown.pagination?.previous).toEqual({ href: '/returns?year=2024-25&rule=8670Q' });
    expect(shown.pagination?.next).toBeUndefined();
  });
});
