import { randomBytes } from 'node:crypto';

/**
 * kafkajs 2.2.4 is patched (patches/kafkajs+2.2.4.patch) to checksum each record batch it produces
 * with @node-rs/crc32's native CRC32C instead of its table-driven JavaScript one (about 2 µs a kilobyte,
 * a visible share of a referral's CPU). A wrong checksum would have the broker refuse every batch
 * (CORRUPT_MESSAGE), so the patched one must agree with kafkajs's own everywhere.
 */
type Checksum = (buffer: Buffer) => number;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const batchChecksum = require('kafkajs/src/protocol/recordBatch/crc32C') as Checksum;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const javascriptCrc32C = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as Checksum;

describe("kafkajs's record batch checksum (patched to native CRC32C)", () => {
  it('is native: it is not the JavaScript function kafkajs ships', () => {
    // The patch falls back to kafkajs's own only where @node-rs/crc32 has no binary; this machine has one.
    expect(batchChecksum(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(batchChecksum.toString()).toContain('crc32c(buffer)');
  });

  it("gives CRC32C's published check values", () => {
    expect(batchChecksum(Buffer.alloc(0))).toBe(0);
    expect(batchChecksum(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(batchChecksum(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(batchChecksum(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
  });

  it("agrees with kafkajs's JavaScript CRC32C on record batches of every size, as an unsigned 32-bit number", () => {
    for (const size of [1, 7, 61, 512, 4096, 65_536, 1_048_576]) {
      const batch = randomBytes(size);
      expect(batchChecksum(batch)).toBe(javascriptCrc32C(batch));
      expect(batchChecksum(batch)).toBeGreaterThanOrEqual(0);
    }
  });
});
