import { z } from 'zod';

export const informationRequestedV1 = z
  .strictObject({
    referralId: z.uuid(),
    requestId: z.uuid(),
    requestedAt: z.iso.datetime({ offset: true }),
    referrerOrganisationId: z.string().nullable(),
    subject: z.strictObject({ question: z.string() }),
  })
  .describe('The front door went back to the referrer for more information (a measure of referral quality).');
export type InformationRequestedV1 = z.infer<typeof informationRequestedV1>;
