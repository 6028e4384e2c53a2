import { severityName, type CensusFinding, type RuleCount } from './census-report';

/** How many findings a page shows: a year with many late assessments has hundreds. */
export const FINDINGS_PER_PAGE = 50;

/** The findings filter as the browser sends it (a GET form): the rule, and the page of what it finds. */
export interface FindingsForm {
  rule?: string;
  page?: string;
}

export interface FindingsChoice {
  /** A rule code, or '' for every rule. */
  rule: string;
  page: number;
}

/** What was asked for: a page that is not a whole number from 1 is the first. */
export const findingsChoiceFrom = (form: FindingsForm): FindingsChoice => {
  const page = Number(typeof form.page === 'string' ? form.page.trim() : '');
  return { rule: typeof form.rule === 'string' ? form.rule.trim() : '', page: Number.isInteger(page) && page >= 1 ? page : 1 };
};

export interface FindingsPage {
  rows: CensusFinding[];
  /** How many findings the filter keeps, over all pages. */
  total: number;
  page: number;
  pageCount: number;
}

/** The findings of one rule (or all), and one page of them; a page past the last shows the last. */
export const findingsPageOf = (findings: CensusFinding[], choice: FindingsChoice, perPage = FINDINGS_PER_PAGE): FindingsPage => {
  const kept = findingsOfRule(findings, choice.rule);
  const pageCount = Math.max(1, Math.ceil(kept.length / perPage));
  const page = Math.min(choice.page, pageCount);
  return { rows: kept.slice((page - 1) * perPage, page * perPage), total: kept.length, page, pageCount };
};

export const findingsOfRule = (findings: CensusFinding[], rule: string): CensusFinding[] =>
  rule ? findings.filter((finding) => finding.rule === rule) : findings;

/** The filter's options: every rule, then each rule that found something (a rule with none would show an empty table). */
export const ruleFilterItems = (counts: RuleCount[]): { value: string; text: string }[] => [
  { value: '', text: 'All rules' },
  ...counts
    .filter((count) => count.count > 0)
    .map((count) => ({ value: count.rule, text: `${count.rule} (${severityName(count.severity).toLowerCase()}, ${count.count})` })),
];

/** The findings as CSV rows, the header first: both ids of the child (the DfE shows the LAchildID), the case and the element. */
export const findingsCsvRows = (findings: CensusFinding[]): (string | null)[][] => [
  ['Rule', 'Error or query', 'LA child ID', 'Child ID', 'Case ID', 'Element', 'Message'],
  ...findings.map((finding) => [
    finding.rule,
    severityName(finding.severity),
    finding.laChildId,
    finding.childId,
    finding.caseId ?? null,
    finding.field,
    finding.message,
  ]),
];

/** The page's own address for a year, a rule and a page (the first page and every rule left out). */
export const returnsPageQuery = (year: string, { rule, page }: FindingsChoice): string => {
  const query = new URLSearchParams({ year });
  if (rule) query.set('rule', rule);
  if (page > 1) query.set('page', String(page));
  return query.toString();
};

/** GOV.UK pagination's links for a list paged in the console: previous, the pages near this one (gaps as ellipses), next. */
export const pageLinksOf = (
  { page, pageCount }: Pick<FindingsPage, 'page' | 'pageCount'>,
  hrefOf: (page: number) => string,
): {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[];
} | null => {
  if (pageCount <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])]
    .filter((number) => number >= 1 && number <= pageCount)
    .sort((a, b) => a - b);
  const items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((number, index) => {
    if (index > 0 && number - shown[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: String(number), href: hrefOf(number), current: number === page });
  });
  return {
    ...(page > 1 ? { previous: { href: hrefOf(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: hrefOf(page + 1) } } : {}),
    items,
  };
};
