import { createCipheriv, createDecipheriv } from 'node:crypto';
import { DATA_KEY_BYTES, FULL_TAG_GCM } from './subject-cipher';
import { freshRandomBytes } from './fresh-random-bytes';

/**
 * The master keys that wrap every child's data key (envelope encryption). They come from
 * configuration (a secrets manager in production), never from the database that holds the wrapped
 * keys, so a copy of that database alone opens nothing. Rotation: add a new key, make it current,
 * rewrap (`npm run keys:rotate`), then retire the old one; children's data keys, and so every sealed
 * event, stay as they are.
 */
export class MasterKeyRing {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    keys: Record<string, Buffer>,
    readonly currentKeyId: string,
  ) {
    for (const [id, key] of Object.entries(keys)) {
      if (key.length !== DATA_KEY_BYTES) throw new Error(`master key ${id} must be ${DATA_KEY_BYTES} bytes`);
    }
    this.keys = new Map(Object.entries(keys));
    if (!this.keys.has(currentKeyId)) throw new Error(`master key ${currentKeyId} (the current one) is not configured`);
  }

  /** `id:base64key` pairs separated by commas; the current key is named, or else the first. */
  static fromConfiguration(configured: string, currentKeyId?: string): MasterKeyRing {
    const pairs = configured
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf(':');
        if (at < 1) throw new Error('SUBJECT_MASTER_KEYS: each entry is id:base64key');
        return [pair.slice(0, at), Buffer.from(pair.slice(at + 1), 'base64')] as const;
      });
    if (pairs.length === 0) throw new Error('SUBJECT_MASTER_KEYS: at least one key is required');
    return new MasterKeyRing(Object.fromEntries(pairs), currentKeyId || pairs[0][0]);
  }

  /** Wraps a data key under the current master key, bound to the data key's id. */
  wrap(dataKey: Buffer, kid: string): { masterKeyId: string; wrapped: string } {
    const iv = freshRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv, FULL_TAG_GCM);
    cipher.setAAD(Buffer.from(kid));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { masterKeyId: this.currentKeyId, wrapped: [iv, ct, cipher.getAuthTag()].map((part) => part.toString('base64')).join('.') };
  }

  unwrap(masterKeyId: string, wrapped: string, kid: string): Buffer {
    const masterKey = this.keys.get(masterKeyId);
    if (!masterKey) throw new Error(`master key ${masterKeyId} is not configured: data key ${kid} cannot be unwrapped`);
    const [iv, ct, tag] = wrapped.split('.').map((part) => Buffer.from(part, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, FULL_TAG_GCM);
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  }
}
