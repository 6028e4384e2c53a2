/** The pre-submission report as the service answers it (GET /v1/returns/cin-census/{year}/report). */
export interface CensusReportBody {
  year: string;
  children: number;
  cinDetails: number;
  errors: number;
  queries: number;
  counts: { rule: string; severity: string; message: string; count: number }[];
  findings: {
    rule: string;
    severity: string;
    childId: string | null;
    laChildId: string | null;
    caseId?: string;
    field: string;
    message: string;
  }[];
}

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

/** The rules the return breaks, most findings first (a rule it keeps is not listed: the JSON has every one). */
export const ruleCountsTable = (report: CensusReportBody): string => {
  const broken = report.counts.filter((row) => row.count > 0).sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  if (broken.length === 0) return `every one of the ${report.counts.length} rules checked is kept`;
  return table(
    ['rule', 'severity', 'count', 'message'],
    broken.map((row) => [row.rule, row.severity, String(row.count), row.message.slice(0, 100)]),
  );
};

/** The first `limit` findings: which child (LAchildID, as the DfE will name it), which case, which element. */
export const findingsTable = (report: CensusReportBody, limit: number): string => {
  const shown = report.findings.slice(0, limit);
  const rows = shown.map((finding) => [
    finding.rule,
    finding.laChildId ?? '(return)',
    finding.caseId ?? '',
    finding.field,
    finding.message.slice(0, 80),
  ]);
  const more = report.findings.length - shown.length;
  return (
    table(['rule', 'LAchildID', 'case', 'element', 'message'], rows) +
    (more > 0 ? `\n... and ${more} more (--findings N, or the JSON report)` : '')
  );
};
