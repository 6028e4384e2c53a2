import { childRule, returnRule } from './census-rule';

const isBlank = (laChildId: string): boolean => laChildId.trim() === '';

export const laChildIdLength_1570 = childRule(
  { code: '1570', severity: 'ERROR', text: 'LA Child ID must not be longer than 20 characters' },
  (child) => (child.laChildId.length > 20 ? [{ field: 'LAchildID' }] : []),
);

/** A blank ID is 8500's to report, not this rule's. */
export const laChildIdAlphanumeric_1580 = childRule(
  { code: '1580', severity: 'ERROR', text: 'LA Child ID must not contain any non-alphanumeric characters' },
  (child) => (!isBlank(child.laChildId) && !/^[A-Za-z0-9]+$/.test(child.laChildId) ? [{ field: 'LAchildID' }] : []),
);

export const laChildIdPresent_8500 = childRule({ code: '8500', severity: 'ERROR', text: 'LA Child ID missing' }, (child) =>
  isBlank(child.laChildId) ? [{ field: 'LAchildID' }] : [],
);

/** Every child sharing an ID is reported: the file cannot say which of them the ID belongs to. */
export const laChildIdUnique_8510 = returnRule(
  { code: '8510', severity: 'ERROR', text: 'More than one child record with the same LA Child ID' },
  (census) => {
    const holders = new Map<string, number>();
    for (const { laChildId } of census.children) holders.set(laChildId, (holders.get(laChildId) ?? 0) + 1);
    return census.children
      .filter((child) => !isBlank(child.laChildId) && (holders.get(child.laChildId) ?? 0) > 1)
      .map((child) => ({ child, hit: { field: 'LAchildID' } }));
  },
);
