import { z } from 'zod';

/**
 * Personal data about the child and the referrer. It travels only inside `data.subject` of the
 * events that must carry it, so that it can be encrypted per child and erased by destroying the
 * child's key (docs/architecture.md). Everything outside `subject` is coarse and safe to count.
 */
export const childSubjectSchema = z.strictObject({
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().optional(),
  expectedDateOfBirth: z.string().optional(),
  nhsNumber: z.string().optional(),
  upn: z.string().optional(),
  postcode: z.string().optional(),
});
export type ChildSubject = z.infer<typeof childSubjectSchema>;

export const referrerSubjectSchema = z.strictObject({
  name: z.string(),
  role: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});
export type ReferrerSubject = z.infer<typeof referrerSubjectSchema>;

/** The coarse attributes analytics may keep about a child: no identifiers. */
export const coarseChildSchema = z.strictObject({
  /** Whole years on the day the referral was received; null for an unborn child. */
  ageAtReferral: z.number().int().min(0).nullable(),
  unborn: z.boolean(),
  sex: z.enum(['M', 'F', 'U']),
  /** The school on the child's record at referral (a school's URN is not personal data). */
  schoolUrn: z.string().nullable(),
});
export type CoarseChild = z.infer<typeof coarseChildSchema>;
