import { codesOf, isCodeIn, type CodeSet } from './code-set';

/** CIN census PrimaryNeedCode (primaryneedcodetype). */
export const PRIMARY_NEEDS = {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
  N0: 'Not stated',
} as const satisfies CodeSet<string>;
export type PrimaryNeed = keyof typeof PRIMARY_NEEDS;
export const PRIMARY_NEED_CODES = codesOf(PRIMARY_NEEDS);
export const isPrimaryNeed = isCodeIn(PRIMARY_NEEDS);
