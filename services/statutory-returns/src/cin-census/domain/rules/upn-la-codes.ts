/**
 * The LA codes a UPN may carry in characters 2-4 (census rule 1530): post-April-1998 English LA
 * codes, the Welsh ones a pupil may bring across the border, and the DfE's "pseudo LA" codes.
 *
 * Source: the DfE CIN census validation rule 1530 (2023-24 onwards), as listed by data-to-insight's
 * csc-validator-be-cin (cin_validator/rules/cin2023_24/rule_1530.py), which added 942 and 943 that
 * year. Kept as ranges so the list reads like the DfE's text and a new code is a one-line change.
 */
const UPN_LA_CODE_RANGES: readonly (readonly [number, number])[] = [
  [1, 5],
  [201, 213],
  [301, 320],
  [330, 336],
  [340, 344],
  [350, 359],
  [370, 373],
  [380, 384],
  [390, 394],
  [420, 420],
  [660, 681],
  [701, 708],
  [800, 803],
  [805, 808],
  [810, 813],
  [815, 816],
  [820, 823],
  [825, 826],
  [830, 831],
  [835, 841],
  [845, 846],
  [850, 852],
  [855, 857],
  [860, 861],
  [865, 896],
  [908, 909],
  [916, 916],
  [919, 919],
  [921, 921],
  [925, 926],
  [928, 929],
  [931, 931],
  [933, 933],
  [935, 938],
  [940, 943],
];

export const UPN_LA_CODES: ReadonlySet<string> = new Set(
  UPN_LA_CODE_RANGES.flatMap(([first, last]) =>
    Array.from({ length: last - first + 1 }, (_, offset) => String(first + offset).padStart(3, '0')),
  ),
);

export const isUpnLaCode = (code: string): boolean => UPN_LA_CODES.has(code);
