import { z } from 'zod';

const urn = z.string().regex(/^\d{6}$/);

/** A notification for one school was recorded (in its inbox, and queued for its webhook). Ids and a type only. */
export const notificationQueuedV1 = z.strictObject({
  notificationId: z.uuid(),
  schoolUrn: urn,
  childId: z.uuid(),
  referralId: z.uuid().nullable(),
  type: z.string().min(1).max(60),
  sourceEventId: z.uuid(),
});
export type NotificationQueuedV1 = z.infer<typeof notificationQueuedV1>;
