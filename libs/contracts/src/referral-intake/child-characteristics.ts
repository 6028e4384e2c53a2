import { z } from 'zod';
import { DISABILITY_CODES, ETHNICITY_CODES } from '../code-sets/child-characteristics';
import { UPN_UNKNOWN_REASONS } from '../code-sets/small-code-sets';
import { codesOf } from '../code-sets/code-set';

const day = z.iso.date();

/**
 * What the CIN census asks about a child beyond who the child is: ethnicity, disabilities, why a UPN
 * is not known, a former UPN. Personal (ethnicity and disability are special category data): they
 * travel only inside `data.subject`, sealed with the child's key, and are erased with the child.
 * Each is optional: a referrer often does not know them, and a social worker records them later.
 */
export const childCharacteristicsSchema = z.strictObject({
  ethnicity: z.enum(ETHNICITY_CODES as [string, ...string[]]).optional(),
  /** NONE alone, or the codes that apply (census rules 8790, 8794). */
  disabilities: z.array(z.enum(DISABILITY_CODES as [string, ...string[]])).optional(),
  upnUnknownReason: z.enum(codesOf(UPN_UNKNOWN_REASONS) as [string, ...string[]]).optional(),
  formerUpn: z.string().optional(),
});
export type ChildCharacteristics = z.infer<typeof childCharacteristicsSchema>;

/**
 * A social worker's record or correction of the child's details on a case: each field given replaces
 * what was known, `null` clears it, a field left out is unchanged.
 */
export const childDetailsCorrectionSchema = z.strictObject({
  sex: z.enum(['M', 'F', 'U']).optional(),
  dateOfBirth: day.nullable().optional(),
  expectedDateOfBirth: day.nullable().optional(),
  upn: z.string().nullable().optional(),
  formerUpn: z.string().nullable().optional(),
  upnUnknownReason: z
    .enum(codesOf(UPN_UNKNOWN_REASONS) as [string, ...string[]])
    .nullable()
    .optional(),
  ethnicity: z
    .enum(ETHNICITY_CODES as [string, ...string[]])
    .nullable()
    .optional(),
  disabilities: z
    .array(z.enum(DISABILITY_CODES as [string, ...string[]]))
    .nullable()
    .optional(),
  dateOfDeath: day.nullable().optional(),
});
export type ChildDetailsCorrection = z.infer<typeof childDetailsCorrectionSchema>;
