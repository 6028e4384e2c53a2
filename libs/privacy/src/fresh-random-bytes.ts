import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let next = 0;

/**
 * Bytes from the operating system's CSPRNG for IVs and data keys, read 4 KiB at a time and each
 * handed out once: a referral seals two subjects and makes a key, and reading the kernel's generator
 * for each of those few bytes cost about as much as the ciphers did (Node keeps a buffer the same way for
 * randomUUID). The bytes handed out are copied to the caller and wiped from the pool, so no IV or key
 * stays behind in it.
 */
export const freshRandomBytes = (size: number): Buffer => {
  if (size > POOL_BYTES / 4) return randomBytes(size);
  if (next + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    next = 0;
  }
  const bytes = Buffer.from(pool.subarray(next, next + size));
  pool.fill(0, next, next + size);
  next += size;
  return bytes;
};
