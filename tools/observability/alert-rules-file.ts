/** One alerting rule of infra/observability/alerts.yml, as far as the checks need it. */
export interface AlertRule {
  name: string;
  expression: string;
  for: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const indentOf = (line: string): number => /^ */.exec(line)![0].length;

/** The lines more indented than `lines[at]` that follow it: a YAML block's body. */
const blockAfter = (lines: string[], at: number): string[] => {
  const body: string[] = [];
  for (let next = at + 1; next < lines.length && (lines[next].trim() === '' || indentOf(lines[next]) > indentOf(lines[at])); next += 1) {
    body.push(lines[next]);
  }
  return body;
};

/** `key: value` and `key: >-` / `key: |` with the block below it, the way alerts.yml writes its fields. */
const scalarAt = (lines: string[], at: number): string => {
  const inline = lines[at].slice(lines[at].indexOf(':') + 1).trim();
  if (!/^[>|]-?$/.test(inline)) return inline.replace(/^(['"])(.*)\1$/, '$2');
  return blockAfter(lines, at)
    .map((line) => line.trim())
    .join(inline.startsWith('>') ? ' ' : '\n')
    .trim();
};

const mapAt = (lines: string[], at: number): Record<string, string> => {
  const body = blockAfter(lines, at);
  const fieldIndent = Math.min(...body.filter((line) => line.trim()).map(indentOf));
  return Object.fromEntries(
    body.flatMap((line, index) =>
      indentOf(line) === fieldIndent && line.trim() && !line.trim().startsWith('#')
        ? [[line.trim().split(':')[0], scalarAt(body, index)]]
        : [],
    ),
  );
};

/**
 * Reads the alerting rules of a rules file written as alerts.yml is (one `- alert:` item per rule, its fields
 * below it). A small reader of our own file, not a YAML parser: promtool checks the file is valid, and this
 * fails loudly on a rule it cannot read whole.
 */
export const readAlertRules = (text: string): AlertRule[] => {
  const lines = text.split('\n');
  return lines.flatMap((line, at) => {
    const name = /^\s*- alert: (\S+)$/.exec(line)?.[1];
    if (!name) return [];
    const body = blockAfter(lines, at);
    const field = (key: string) => body.findIndex((each) => each.trim().startsWith(`${key}:`));
    if (field('expr') < 0) throw new Error(`alert ${name}: no expr found`);
    return [
      {
        name,
        expression: scalarAt(body, field('expr')),
        for: field('for') < 0 ? null : scalarAt(body, field('for')),
        labels: field('labels') < 0 ? {} : mapAt(body, field('labels')),
        annotations: field('annotations') < 0 ? {} : mapAt(body, field('annotations')),
      },
    ];
  });
};

/** The rules file without its annotations, for promtool's rule tests (which compare every annotation's whole text). */
export const withoutAnnotations = (text: string): string => {
  const lines = text.split('\n');
  const dropped = new Set(
    lines.flatMap((line, at) => (/^\s+annotations:$/.test(line) ? [at, ...blockAfter(lines, at).map((_, i) => at + 1 + i)] : [])),
  );
  return lines.filter((_, at) => !dropped.has(at)).join('\n');
};
