/** Names as compared, not as shown: no accents, case, apostrophes or punctuation. */
export const normaliseName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // combining accents: Zoë -> Zoe
    .toLowerCase()
    .replace(/['’`]/g, '') // O'Brien -> obrien
    .replace(/[^a-z\s-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A family name's parts in a fixed order, so "Smith-Jones", "Jones Smith" and "jones-smith" are one key. */
export const familyNameKey = (familyName: string): string =>
  normaliseName(familyName)
    .split(/[\s-]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

/**
 * The whole given name, without spaces or hyphens ("Lily-Rose" and "Lily Rose" are one key). Not its
 * first part alone: twins called Lily-Rose and Lily-Mae must stay two children.
 */
export const givenNameKey = (givenName: string): string => normaliseName(givenName).replace(/[\s-]+/g, '');

/** Edit distance counting a swap of neighbours as one edit (Damerau, optimal string alignment). */
export const editDistance = (a: string, b: string): number => {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
};
