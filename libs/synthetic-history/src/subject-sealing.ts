import { createCipheriv } from 'node:crypto';
import { SEALED_SUBJECT_ALGORITHM, type SealedSubject } from '@csc/contracts';

/**
 * libs/privacy's sealSubject (AES-256-GCM, additional data `kid|eventId`), with the IV handed in
 * instead of drawn from crypto: the same seed must give the same bytes. The key is the run's own and
 * is never stored, so no service can open a generated subject: the history reads like erased data.
 */
export const sealSubjectWithIv = (key: Buffer, kid: string, subject: unknown, boundTo: string, iv: Buffer): SealedSubject => {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${kid}|${boundTo}`));
  const ct = Buffer.concat([cipher.update(JSON.stringify(subject), 'utf8'), cipher.final()]);
  return {
    alg: SEALED_SUBJECT_ALGORITHM,
    kid,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
};
