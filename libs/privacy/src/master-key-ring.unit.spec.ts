import { randomBytes, randomUUID } from 'node:crypto';
import { MasterKeyRing } from './master-key-ring';

const configured = (...ids: string[]) => ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');

describe('the master key ring', () => {
  it('unwraps what it wrapped', () => {
    const ring = MasterKeyRing.fromConfiguration(configured('2026-a'));
    const dataKey = randomBytes(32);
    const kid = randomUUID();
    const { masterKeyId, wrapped } = ring.wrap(dataKey, kid);
    expect(masterKeyId).toBe('2026-a');
    expect(ring.unwrap(masterKeyId, wrapped, kid)).toEqual(dataKey);
  });

  it('wraps with the current key and still unwraps with an older one (rotation)', () => {
    const keys = configured('old', 'new');
    const before = MasterKeyRing.fromConfiguration(keys, 'old');
    const after = MasterKeyRing.fromConfiguration(keys, 'new');
    const kid = randomUUID();
    const dataKey = randomBytes(32);
    const old = before.wrap(dataKey, kid);
    expect(after.unwrap(old.masterKeyId, old.wrapped, kid)).toEqual(dataKey);
    expect(after.wrap(dataKey, kid).masterKeyId).toBe('new');
  });

  it('refuses a wrapped key moved to another key id', () => {
    const ring = MasterKeyRing.fromConfiguration(configured('a'));
    const { masterKeyId, wrapped } = ring.wrap(randomBytes(32), randomUUID());
    expect(() => ring.unwrap(masterKeyId, wrapped, randomUUID())).toThrow();
  });

  it('refuses a retired master key by name, and bad configuration', () => {
    const ring = MasterKeyRing.fromConfiguration(configured('a'));
    expect(() => ring.unwrap('gone', 'x.y.z', randomUUID())).toThrow(/master key gone is not configured/);
    expect(() => MasterKeyRing.fromConfiguration('')).toThrow(/at least one key/);
    expect(() => MasterKeyRing.fromConfiguration('a:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => MasterKeyRing.fromConfiguration(configured('a'), 'b')).toThrow(/master key b/);
  });

  it('refuses a wrapped key whose tag was shortened', () => {
    const ring = MasterKeyRing.fromConfiguration(configured('a'));
    const kid = randomUUID();
    const { masterKeyId, wrapped } = ring.wrap(randomBytes(32), kid);
    const [iv, ct, tag] = wrapped.split('.');
    const shortened = Buffer.from(tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => ring.unwrap(masterKeyId, [iv, ct, shortened].join('.'), kid)).toThrow();
  });
});
