import type { CollectionYear } from './census-return';

const LABEL = /^(\d{4})-(\d{2})$/;

/**
 * A collection year from the DfE's label (`2025-26`: 1 April 2025 to 31 March 2026), or null when the
 * label is not one (the second year must be the first plus one).
 */
export const collectionYearOf = (label: string): CollectionYear | null => {
  const match = LABEL.exec(label);
  if (!match) return null;
  const startYear = Number(match[1]);
  if (startYear < 2000 || (startYear + 1) % 100 !== Number(match[2])) return null;
  return { label, start: `${startYear}-04-01`, end: `${startYear + 1}-03-31`, endYear: startYear + 1 };
};
