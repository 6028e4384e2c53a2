import { z } from 'zod';

const urn = z.string().regex(/^\d{6}$/);

export const notificationQueuedV1 = z
  .strictObject({
    notificationId: z.uuid(),
    schoolUrn: urn,
    childId: z.uuid(),
    referralId: z.uuid().nullable(),
    type: z.string().min(1).max(60),
    sourceEventId: z.uuid(),
  })
  .describe('A notification for one school was recorded (in its inbox, and queued for its webhook). Ids and a type only.');
export type NotificationQueuedV1 = z.infer<typeof notificationQueuedV1>;

export const notificationDeliveredV1 = z
  .strictObject({
    notificationId: z.uuid(),
    schoolUrn: urn,
    attempts: z.number().int().min(1),
    deliveredAt: z.iso.datetime(),
  })
  .describe("The school's webhook acknowledged the notification (a 2xx) on this attempt.");
export type NotificationDeliveredV1 = z.infer<typeof notificationDeliveredV1>;

export const notificationFailedV1 = z
  .strictObject({
    notificationId: z.uuid(),
    schoolUrn: urn,
    attempts: z.number().int().min(1),
    /** The last attempt's outcome: an HTTP status (`HTTP 503`) or a network error code, never a response body. */
    lastOutcome: z.string().min(1).max(120),
    failedAt: z.iso.datetime(),
  })
  .describe("Retried for the whole retry period without a 2xx: parked as failed (it stays in the school's inbox).");
export type NotificationFailedV1 = z.infer<typeof notificationFailedV1>;
