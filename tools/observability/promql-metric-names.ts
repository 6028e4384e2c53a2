/** Words of PromQL that read like identifiers and name no series. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads: every identifier that is not a function (followed by `(`), a
 * keyword, a label (inside `{}` or a `by (...)` list), a string, a number or a duration. Enough for the
 * expressions of our dashboards and alerts, which the real Prometheus parses in the e2e.
 */
export const metricNamesIn = (expression: string): string[] => {
  const bare = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\b\d[\w.]*/g, '');
  const names = [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter(([, , call]) => call === undefined)
    .map(([, name]) => name)
    .filter((name) => !KEYWORDS.has(name));
  return [...new Set(names)];
};

/** The metric a Grafana variable's `label_values(metric, label)` reads. */
export const metricOfLabelValues = (query: string): string | null =>
  /^label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,/.exec(query)?.[1] ?? null;
