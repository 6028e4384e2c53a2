import { createCipheriv, createDecipheriv } from 'node:crypto';
import { freshRandomBytes } from './fresh-random-bytes';
import { SEALED_SUBJECT_ALGORITHM, type SealedSubject } from '@csc/contracts';

const IV_BYTES = 12;
export const DATA_KEY_BYTES = 32;
/**
 * AES-GCM with its full tag, always: without it Node opens with a tag cut to as little as 4 bytes and
 * checks only those. Every seal and open in this library (subjects, wrapped data keys) uses it.
 */
export const FULL_TAG_GCM = { authTagLength: 16 } as const;

/**
 * Seals a subject with a child's data key. The additional data binds the ciphertext to its event
 * (the event id), so a sealed subject copied into another event does not open. The IV is random
 * unless given (a synthetic history must come out byte for byte the same from its seed).
 */
export const sealSubject = (
  key: Buffer,
  kid: string,
  subject: unknown,
  boundTo: string,
  iv: Buffer = freshRandomBytes(IV_BYTES),
): SealedSubject => {
  const cipher = createCipheriv('aes-256-gcm', key, iv, FULL_TAG_GCM);
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

/** Opens a sealed subject; throws if the key is wrong or the ciphertext, tag or binding were altered. */
export const openSubject = (key: Buffer, sealed: SealedSubject, boundTo: string): unknown => {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), FULL_TAG_GCM);
  decipher.setAAD(Buffer.from(`${sealed.kid}|${boundTo}`));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
};
