import { z } from 'zod';
import { childSubjectSchema } from '../referral-intake/referral-subject';

export const earlyHelpSteppedUpV1 = z
  .strictObject({
    episodeId: z.uuid(),
    /** The child's id when the episode began from a referral; null for a direct request the index has not seen. */
    childId: z.uuid().nullable(),
    steppedUpAt: z.iso.datetime({ offset: true }),
    sex: z.enum(['M', 'F', 'U']),
    schoolUrn: z.string().nullable(),
    consentGiven: z.boolean(),
    subject: z.strictObject({
      child: childSubjectSchema,
      reason: z.string(),
      leadPractitioner: z.string().optional(),
    }),
  })
  .describe(
    'Early help asks social care to take over: referral-intake turns this into a new referral with source 5D (LA early help), linked back to the episode.',
  );
export type EarlyHelpSteppedUpV1 = z.infer<typeof earlyHelpSteppedUpV1>;
