import { z } from 'zod';

export const CHILD_MATCH_RULES = ['NHS_NUMBER', 'UPN', 'NAME_DATE_OF_BIRTH_DISTRICT', 'EARLY_HELP_LINK', 'NEW_CHILD'] as const;
export type ChildMatchRule = (typeof CHILD_MATCH_RULES)[number];

export const childMatchedV1 = z
  .strictObject({
    referralId: z.uuid(),
    childId: z.uuid(),
    rule: z.enum(CHILD_MATCH_RULES),
    matchedExistingChild: z.boolean(),
    /** The earlier referral whose identity matched (null for a new child). */
    matchedReferralId: z.uuid().nullable(),
    /** How the given names compared, for the demographic rule: SAME, NICKNAME or TYPO (edit distance). */
    givenNameComparison: z.enum(['SAME', 'NICKNAME', 'TYPO']).nullable(),
    /** Children that came close but were not chosen (e.g. two similar candidates: a new child is safer). */
    nearMissChildIds: z.array(z.uuid()),
  })
  .describe(
    'Which rule tied the referral to its child, so a wrong match can be traced and undone. Holds no personal data: names are compared, never copied here.',
  );
export type ChildMatchedV1 = z.infer<typeof childMatchedV1>;
