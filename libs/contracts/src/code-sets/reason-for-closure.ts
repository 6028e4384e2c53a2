import { codesOf, isCodeIn, type CodeSet } from './code-set';

/** CIN census ReasonForClosure (reasonforclosuretype). */
export const REASONS_FOR_CLOSURE = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social care services',
  RC7: 'Services ceased for any other reason, including child no longer in need',
  RC8: 'Case closed after assessment, no further action',
  RC9: 'Case closed after assessment, referred to early help',
} as const satisfies CodeSet<string>;
export type ReasonForClosure = keyof typeof REASONS_FOR_CLOSURE;
export const REASON_FOR_CLOSURE_CODES = codesOf(REASONS_FOR_CLOSURE);
export const isReasonForClosure = isCodeIn(REASONS_FOR_CLOSURE);
