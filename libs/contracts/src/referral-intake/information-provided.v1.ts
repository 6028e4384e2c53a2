import { z } from 'zod';

export const informationProvidedV1 = z.strictObject({
  referralId: z.uuid(),
  requestId: z.uuid(),
  providedAt: z.iso.datetime({ offset: true }),
  providedByRole: z.string(),
  providedByOrganisationId: z.string(),
  subject: z.strictObject({ answer: z.string() }),
});
export type InformationProvidedV1 = z.infer<typeof informationProvidedV1>;
