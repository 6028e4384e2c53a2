import { csvOf } from '../analyst/csv';
import { findingsChoiceFrom, findingsCsvRows, findingsPageOf, pageLinksOf, returnsPageQuery, ruleFilterItems } from './census-findings';
import type { CensusFinding, RuleCount } from './census-report';

const finding = (rule: string, index: number, overrides: Partial<CensusFinding> = {}): CensusFinding => ({
  rule,
  severity: rule.endsWith('Q') ? 'QUERY' : 'ERROR',
  childId: `child-${index}`,
  laChildId: `la-${index}`,
  caseId: `case-${index}`,
  field: 'AssessmentAuthorisationDate',
  message: `finding ${index}`,
  ...overrides,
});
/** 7 of 8670Q and 3 of 4220, interleaved as rules are checked in turn. */
const FINDINGS = [
  ...Array.from({ length: 7 }, (_, i) => finding('8670Q', i)),
  ...Array.from({ length: 3 }, (_, i) => finding('4220', 7 + i)),
];

describe('the census findings the returns page shows', () => {
  it('reads the filter form: a rule, and a page that is a whole number from 1 (else the first)', () => {
    expect(findingsChoiceFrom({ rule: ' 8670Q ', page: '3' })).toEqual({ rule: '8670Q', page: 3 });
    expect(findingsChoiceFrom({})).toEqual({ rule: '', page: 1 });
    for (const page of ['0', '-2', '1.5', 'two', '']) expect(findingsChoiceFrom({ page })).toEqual({ rule: '', page: 1 });
  });

  it('keeps the findings of the rule chosen, or all, and pages them', () => {
    const all = findingsPageOf(FINDINGS, { rule: '', page: 2 }, 4);
    expect(all).toMatchObject({ total: 10, page: 2, pageCount: 3 });
    expect(all.rows.map((row) => row.message)).toEqual(['finding 4', 'finding 5', 'finding 6', 'finding 7']);
    const oneRule = findingsPageOf(FINDINGS, { rule: '4220', page: 1 }, 4);
    expect(oneRule).toMatchObject({ total: 3, page: 1, pageCount: 1 });
    expect(oneRule.rows.every((row) => row.rule === '4220')).toBe(true);
  });

  it('shows the last page for a page past it, and one empty page when nothing is found', () => {
    expect(findingsPageOf(FINDINGS, { rule: '8670Q', page: 9 }, 4)).toMatchObject({ page: 2, pageCount: 2, total: 7 });
    expect(findingsPageOf(FINDINGS, { rule: '1510', page: 1 }, 4)).toEqual({ rows: [], total: 0, page: 1, pageCount: 1 });
  });

  it('offers every rule, then only the rules that found something, with their counts', () => {
    const counts: RuleCount[] = [
      { rule: '1510', severity: 'ERROR', message: 'UPN invalid', count: 0 },
      { rule: '4220', severity: 'ERROR', message: 'Ethnicity missing', count: 3 },
      { rule: '8670Q', severity: 'QUERY', message: 'Assessment late', count: 7 },
    ];
    expect(ruleFilterItems(counts)).toEqual([
      { value: '', text: 'All rules' },
      { value: '4220', text: '4220 (error, 3)' },
      { value: '8670Q', text: '8670Q (query, 7)' },
    ]);
  });

  it('writes the findings as CSV rows: both ids of the child, empty cells for a finding about the whole return', async () => {
    const whole = finding('2886Q', 0, {
      childId: null,
      laChildId: null,
      caseId: undefined,
      field: 'Header',
      message: '=more than last year',
    });
    const rows = findingsCsvRows([FINDINGS[0], whole]);
    expect(rows).toEqual([
      ['Rule', 'Error or query', 'LA child ID', 'Child ID', 'Case ID', 'Element', 'Message'],
      ['8670Q', 'Query', 'la-0', 'child-0', 'case-0', 'AssessmentAuthorisationDate', 'finding 0'],
      ['2886Q', 'Query', null, null, null, 'Header', '=more than last year'],
    ]);
    expect((await csvOf(rows)).split('\r\n')[2]).toBe("2886Q,Query,,,,Header,'=more than last year");
  });

  it('links each page to the same year and rule; the first page and every rule left out of the address', () => {
    expect(returnsPageQuery('2025-26', { rule: '', page: 1 })).toBe('year=2025-26');
    expect(returnsPageQuery('2025-26', { rule: '8670Q', page: 2 })).toBe('year=2025-26&rule=8670Q&page=2');
  });

  it('numbers the pages near this one, with gaps as ellipses, and previous and next where there are some', () => {
    const href = (page: number) => `?page=${page}`;
    expect(pageLinksOf({ page: 1, pageCount: 1 }, href)).toBeNull();
    expect(pageLinksOf({ page: 1, pageCount: 2 }, href)).toEqual({
      next: { href: '?page=2' },
      items: [
        { number: '1', href: '?page=1', current: true },
        { number: '2', href: '?page=2', current: false },
      ],
    });
    const middle = pageLinksOf({ page: 5, pageCount: 9 }, href);
    expect(middle?.previous).toEqual({ href: '?page=4' });
    expect(middle?.next).toEqual({ href: '?page=6' });
    expect(middle?.items.map((item) => ('ellipsis' in item ? '…' : item.number))).toEqual(['1', '…', '4', '5', '6', '…', '9']);
    const last = pageLinksOf({ page: 9, pageCount: 9 }, href);
    expect(last?.next).toBeUndefined();
    expect(last?.items.map((item) => ('ellipsis' in item ? '…' : item.number))).toEqual(['1', '…', '8', '9']);
  });
});
