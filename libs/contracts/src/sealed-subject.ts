import { z } from 'zod';

/**
 * `data.subject` as it is stored and published: the personal data sealed with the child's own key
 * (AES-256-GCM), so that destroying that key erases it from the log, every topic and every replay.
 * `kid` names the key; `iv`, `ct` and `tag` are base64. Only a service holding the key can read it.
 */
export const SEALED_SUBJECT_ALGORITHM = 'A256GCM';

export const sealedSubjectSchema = z.strictObject({
  alg: z.literal(SEALED_SUBJECT_ALGORITHM),
  kid: z.uuid(),
  iv: z.base64(),
  ct: z.base64(),
  tag: z.base64(),
});

export type SealedSubject = z.infer<typeof sealedSubjectSchema>;

export const isSealedSubject = (value: unknown): value is SealedSubject => sealedSubjectSchema.safeParse(value).success;
