import { calendarDay } from '../display/calendar-day';
import { findingsPageOf, pageLinksOf, returnsPageQuery, ruleFilterItems, type FindingsChoice } from './census-findings';
import { severityName, type CensusReport, type RuleCount } from './census-report';

const countRow = (count: RuleCount) => ({
  rule: count.rule,
  severity: severityName(count.severity),
  message: count.message,
  count: count.count,
});

/**
 * What the page shows of a year's report: the summary, the rules that found something (then those that
 * found nothing, apart, so a zero is still visible), and one page of the findings the filter keeps.
 */
export const censusReportShown = (report: CensusReport, choice: FindingsChoice) => {
  const findings = findingsPageOf(report.findings, choice);
  return {
    summary: [
      {
        key: { text: 'Collection period' },
        value: { text: `${calendarDay(report.collectionPeriod.start)} to ${calendarDay(report.collectionPeriod.end)}` },
      },
      { key: { text: 'Children' }, value: { text: String(report.children) } },
      { key: { text: 'CIN details' }, value: { text: String(report.cinDetails) } },
      { key: { text: 'Errors' }, value: { text: String(report.errors) } },
      { key: { text: 'Queries' }, value: { text: String(report.queries) } },
    ],
    rulesBroken: report.counts.filter((count) => count.count > 0).map(countRow),
    rulesKept: report.counts.filter((count) => count.count === 0).map(countRow),
    ruleItems: ruleFilterItems(report.counts),
    findings: {
      ...findings,
      rows: findings.rows.map((finding) => ({
        rule: finding.rule,
        severity: severityName(finding.severity),
        child: finding.laChildId ?? 'The whole return',
        caseId: finding.caseId ?? '',
        field: finding.field,
        message: finding.message,
      })),
    },
    pagination: pageLinksOf(findings, (page) => `/returns?${returnsPageQuery(report.year, { ...choice, page })}`),
  };
};
