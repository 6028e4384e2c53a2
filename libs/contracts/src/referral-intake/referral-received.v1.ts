import { z } from 'zod';
import { ASSESSMENT_FACTOR_CODES } from '../code-sets/assessment-factor';
import { REFERRAL_SOURCE_CODES } from '../code-sets/referral-source';
import { childSubjectSchema, coarseChildSchema, referrerSubjectSchema } from './referral-subject';

export const referralReceivedV1 = z
  .strictObject({
    referralId: z.uuid(),
    childId: z.uuid(),
    receivedAt: z.iso.datetime({ offset: true }),
    /** CIN census ReferralSource. */
    source: z.enum(REFERRAL_SOURCE_CODES as [string, ...string[]]),
    /** A school's URN or another organisation's code; who referred, for appropriateness by referrer. */
    referrerOrganisationId: z.string().nullable(),
    child: coarseChildSchema,
    factors: z.array(z.enum(ASSESSMENT_FACTOR_CODES as [string, ...string[]])),
    consent: z.strictObject({ given: z.boolean() }),
    /** Set when the referral came from early help stepping a family up (source 5D). */
    steppedUpFromEarlyHelpEpisodeId: z.uuid().nullable(),
    subject: z.strictObject({
      child: childSubjectSchema,
      referrer: referrerSubjectSchema,
      concernsSummary: z.string(),
      consentNotRequiredReason: z.string().optional(),
    }),
  })
  .describe('A referral arrived at the front door (a "contact" until it is decided).');
export type ReferralReceivedV1 = z.infer<typeof referralReceivedV1>;
