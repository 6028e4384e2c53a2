import { BlindIndexKey, LOCAL_DEVELOPMENT_BLIND_INDEX_KEY } from './blind-index-key';

describe('BlindIndexKey', () => {
  const key = BlindIndexKey.fromConfiguration(LOCAL_DEVELOPMENT_BLIND_INDEX_KEY);

  it('gives equal values the same index and different values different ones', () => {
    expect(key.indexOf('nhs-number', '9434765919')).toEqual(key.indexOf('nhs-number', '9434765919'));
    expect(key.indexOf('nhs-number', '9434765919')).not.toEqual(key.indexOf('nhs-number', '9434765927'));
  });

  it('never gives the same text as two kinds of value the same index', () => {
    expect(key.indexOf('upn', 'A1')).not.toEqual(key.indexOf('nhs-number', 'A1'));
  });

  it('depends on the key: another deployment, or someone with only the database, cannot compute it', () => {
    const other = BlindIndexKey.fromConfiguration(Buffer.alloc(32, 3).toString('base64'));
    expect(other.indexOf('nhs-number', '9434765919')).not.toEqual(key.indexOf('nhs-number', '9434765919'));
    expect(key.indexOf('nhs-number', '9434765919').toString('hex')).not.toContain('9434765919');
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => BlindIndexKey.fromConfiguration(Buffer.alloc(16).toString('base64'))).toThrow(/at least 32 bytes/);
  });
});
