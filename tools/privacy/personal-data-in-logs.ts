import { isValidNhsNumber, isValidPostcode, isValidUpn, postcodeDistrictOf } from '@csc/domain';

/** What the tests say about their children: every value written for one of these keys in test code. */
export interface TestChildIdentifiers {
  /** Given and family names; a template literal's `${...}` (a random suffix) becomes a run of hex digits. */
  names: string[];
  nhsNumbers: string[];
  upns: string[];
  postcodes: string[];
}

export interface Finding {
  file: string;
  line: number;
  what: string;
}

const KEYS: Record<string, keyof TestChildIdentifiers> = {
  givenName: 'names',
  familyName: 'names',
  nhsNumber: 'nhsNumbers',
  upn: 'upns',
  postcode: 'postcodes',
};

// An expected error message (`nhsNumber: 'fails the modulus 11 check'`) is not an identifier.
const LOOKS_LIKE: Record<keyof TestChildIdentifiers, RegExp> = {
  names: /./,
  nhsNumbers: /^[\d\s]+$/,
  upns: /^[A-Za-z0-9]+$/,
  postcodes: /./,
};

// `givenName: 'Amelia'`, `"familyName": "O'Brien"`, `familyName: \`Testchild${id}\``
const ASSIGNED_LITERAL =
  /\b["']?(givenName|familyName|nhsNumber|upn|postcode)["']?\s*:\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/g;

/** The identifiers one test source file gives its children. */
export const identifiersInSource = (source: string): TestChildIdentifiers => {
  const found: TestChildIdentifiers = { names: [], nhsNumbers: [], upns: [], postcodes: [] };
  for (const [, key, single, double, template] of source.matchAll(ASSIGNED_LITERAL)) {
    const value = (single ?? double ?? template ?? '').replace(/\\(.)/g, '$1').trim();
    if (value.replace(/\$\{[^}]*\}/g, '').length >= 2 && LOOKS_LIKE[KEYS[key]].test(value)) found[KEYS[key]].push(value);
  }
  return found;
};

export const mergeIdentifiers = (all: TestChildIdentifiers[]): TestChildIdentifiers => ({
  names: unique(all.flatMap((ids) => ids.names)),
  nhsNumbers: unique(all.flatMap((ids) => ids.nhsNumbers)),
  upns: unique(all.flatMap((ids) => ids.upns)),
  postcodes: unique(all.flatMap((ids) => ids.postcodes)),
});

// Letters and digits in any script: a name inside a longer word ("Ava" in "Java") is not that name.
const BEFORE = '(?<![\\p{L}\\p{N}_])';
const AFTER = '(?![\\p{L}\\p{N}_])';
const NHS_SHAPED = new RegExp(`${BEFORE}\\d{3} ?\\d{3} ?\\d{4}${AFTER}`, 'gu');
const UPN_SHAPED = new RegExp(`${BEFORE}[A-Za-z]\\d{11}[0-9A-Za-z]${AFTER}`, 'gu');

/**
 * A line -> what personal data it holds: a test child's name (as written, or in capitals), NHS number
 * or UPN (with or without spaces, any case), full postcode (any spacing or case), and any number that
 * passes the NHS modulus 11 check or any UPN that passes its check letter, whoever's it is.
 */
export const personalDataFinder = (ids: TestChildIdentifiers): ((line: string) => string[]) => {
  const names = alternation(ids.names.flatMap((name) => [name, name.toUpperCase()]).map(namePattern), 'gu');
  const postcodes = alternation(ids.postcodes.flatMap(postcodePattern), 'giu');
  const nhsNumbers = new Set(ids.nhsNumbers.map(digitsOf));
  const upns = new Set(ids.upns.map((upn) => upn.toUpperCase()));
  return (line) => [
    ...[...(names ? line.matchAll(names) : [])].map(([name]) => `name "${name}"`),
    ...[...line.matchAll(NHS_SHAPED)]
      .filter(([number]) => nhsNumbers.has(digitsOf(number)) || isValidNhsNumber(digitsOf(number)))
      .map(([number]) => `NHS number "${number}"`),
    ...[...line.matchAll(UPN_SHAPED)].filter(([upn]) => upns.has(upn.toUpperCase()) || isValidUpn(upn)).map(([upn]) => `UPN "${upn}"`),
    ...[...(postcodes ? line.matchAll(postcodes) : [])].map(([postcode]) => `postcode "${postcode}"`),
  ];
};

/**
 * The verdict on a run's logs: what was found where, or why the scan proves nothing (no logs at all
 * means the services logged elsewhere, and a clean result would be vacuous).
 */
export const scanLogs = (logs: { file: string; text: string }[], ids: TestChildIdentifiers): { findings: Finding[]; problem?: string } => {
  if (!logs.some((log) => log.text.trim().length > 0)) return { findings: [], problem: 'no service logs to scan' };
  const find = personalDataFinder(ids);
  const findings = logs.flatMap(({ file, text }) =>
    text.split('\n').flatMap((content, index) => find(content).map((what) => ({ file, line: index + 1, what }))),
  );
  return { findings };
};

const unique = (values: string[]): string[] => [...new Set(values)].sort();
const digitsOf = (value: string): string => value.replace(/\D/g, '');
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const namePattern = (name: string): string =>
  name
    .split(/\$\{[^}]*\}/)
    .map((part) => escape(part).replace(/\s+/g, '\\s+'))
    .join('[0-9a-f-]{4,}');

/** Only full postcodes: a district alone ("FY1") is coarse data, not an address. */
const postcodePattern = (postcode: string): string[] => {
  const upper = postcode.trim().toUpperCase();
  const district = postcodeDistrictOf(upper);
  if (!isValidPostcode(upper) || !district || district === upper.replace(/\s/g, '')) return [];
  return [`${escape(district)}\\s*${escape(upper.slice(-3))}`];
};

const alternation = (patterns: string[], flags: string): RegExp | null =>
  patterns.length === 0
    ? null
    : new RegExp(`${BEFORE}(?:${[...new Set(patterns)].sort((a, b) => b.length - a.length).join('|')})${AFTER}`, flags);
