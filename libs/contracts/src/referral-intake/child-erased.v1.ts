import { z } from 'zod';

/** Why a child's personal data was erased: a data subject's request, or the end of its retention period. */
export const ERASURE_BASES = ['ERASURE_REQUEST', 'RETENTION_PERIOD_ENDED'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];

export const childErasedV1 = z
  .strictObject({
    childId: z.uuid(),
    basis: z.enum(ERASURE_BASES),
    erasedAt: z.iso.datetime({ offset: true }),
    keysDestroyed: z.number().int().nonnegative(),
  })
  .describe(
    "The child's keys are destroyed: every sealed subject about the child, on every topic and in every replay, can no longer be opened. Each service drops what it holds of the child's personal data in its read models. Holds no personal data (the admin's free-text reason stays in referral-intake).",
  );
export type ChildErasedV1 = z.infer<typeof childErasedV1>;
