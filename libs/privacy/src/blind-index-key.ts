import { createHmac } from 'node:crypto';

/** For development and tests only: the configuration refuses it in production. */
export const LOCAL_DEVELOPMENT_BLIND_INDEX_KEY = 'vfB3mXz1Qk8t0cJr9yWd2LhN5sPa7eGu4oKi6ZqTnE0=';

const MIN_KEY_BYTES = 32;

/**
 * Keyed hashes (HMAC-SHA-256) that let a table find equal values without holding them: a blind
 * index. The key comes from configuration (a secrets manager in production), never from the
 * database, so a copy of the database alone can neither read the values nor test guesses against
 * them. Each value is hashed with what it is (`nhs-number`, `upn`...), so the same text as two
 * different kinds of value never collides.
 */
export class BlindIndexKey {
  private constructor(private readonly key: Buffer) {}

  /** A base64 key of at least 32 bytes. */
  static fromConfiguration(configured: string): BlindIndexKey {
    const key = Buffer.from(configured, 'base64');
    if (key.length < MIN_KEY_BYTES) throw new Error(`CHILD_INDEX_KEY: must be a base64 key of at least ${MIN_KEY_BYTES} bytes`);
    return new BlindIndexKey(key);
  }

  indexOf(kind: string, value: string): Buffer {
    return createHmac('sha256', this.key).update(kind).update('\u0000').update(value).digest();
  }
}
