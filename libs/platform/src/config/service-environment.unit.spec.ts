import { LOCAL_DEVELOPMENT_BLIND_INDEX_KEY, LOCAL_DEVELOPMENT_MASTER_KEYS } from '@csc/privacy';
import { LOCAL_DEVELOPMENT_JWT_SECRET, validateEnvironment } from './service-environment';

const PRODUCTION_MASTER_KEYS = `prod-1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('validateEnvironment', () => {
  it('is production unless told otherwise, and then needs a real key', () => {
    expect(() => validateEnvironment({})).toThrow(/JWT_JWKS_URL: required in production/);
  });

  it('fills local defaults for a developer machine', () => {
    const environment = validateEnvironment({ NODE_ENV: 'development' });
    expect(environment).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_SUFFIX: '',
    });
    expect(environment.JWT_SECRET).toBe(LOCAL_DEVELOPMENT_JWT_SECRET);
  });

  it('converts and checks types', () => {
    expect(validateEnvironment({ NODE_ENV: 'test', PORT: '3101' }).PORT).toBe(3101);
    expect(() => validateEnvironment({ NODE_ENV: 'test', PORT: '70000' })).toThrow(/PORT: /);
    expect(() => validateEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'chatty' })).toThrow(/LOG_LEVEL: /);
  });

  it('reads every numeric setting with a default from its string, as the environment gives it', () => {
    const environment = validateEnvironment({
      NODE_ENV: 'test',
      RETENTION_SWEEP_HOURS: '0',
      RETENTION_UNTIL_AGE: '26',
      WEBHOOK_RETRY_FIRST_DELAY_MS: '200',
      WEBHOOK_RETRY_FOR_SECONDS: '12',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_CONCURRENCY: '4',
    });
    expect(environment).toMatchObject({
      RETENTION_SWEEP_HOURS: 0,
      RETENTION_UNTIL_AGE: 26,
      WEBHOOK_RETRY_FIRST_DELAY_MS: 200,
      WEBHOOK_RETRY_FOR_SECONDS: 12,
      WEBHOOK_TIMEOUT_MS: 2000,
      WEBHOOK_CONCURRENCY: 4,
    });
    expect(validateEnvironment({ NODE_ENV: 'test' }).WEBHOOK_RETRY_FOR_SECONDS).toBe(24 * 60 * 60);
    expect(() => validateEnvironment({ NODE_ENV: 'test', WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS: /);
  });

  it('refuses to run in production without RS256 keys over https, an explicit issuer and audience, or with a shared secret', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'https://idp.example.gov.uk/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example.gov.uk',
      JWT_AUDIENCE: 'csc-front-door',
      SUBJECT_MASTER_KEYS: PRODUCTION_MASTER_KEYS,
    };
    expect(validateEnvironment(production).JWT_SECRET).toBeUndefined();
    expect(() => validateEnvironment({ ...production, JWT_SECRET: LOCAL_DEVELOPMENT_JWT_SECRET })).toThrow(/may not be used in production/);
    expect(() => validateEnvironment({ ...production, JWT_SECRET: 'a-council-secret-0123456789abcdef0123' })).toThrow(
      /JWT_SECRET: shared-secret tokens \(HS256\) are for development and tests/,
    );
    expect(() => validateEnvironment({ ...production, JWT_JWKS_URL: 'http://idp.example.gov.uk/jwks.json' })).toThrow(
      /JWT_JWKS_URL: must be an https URL in production/,
    );
    const { JWT_ISSUER: _issuer, JWT_AUDIENCE: _audience, ...defaults } = production;
    expect(() => validateEnvironment(defaults)).toThrow(/JWT_ISSUER: required in production[\s\S]*JWT_AUDIENCE: required in production/);
  });

  it("refuses to run in production without a master key for children's data keys, or with the development one", () => {
    const production = {
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'https://idp.example.gov.uk/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example.gov.uk',
      JWT_AUDIENCE: 'csc-front-door',
    };
    expect(() => validateEnvironment(production)).toThrow(/SUBJECT_MASTER_KEYS: required in production/);
    expect(() => validateEnvironment({ ...production, SUBJECT_MASTER_KEYS: LOCAL_DEVELOPMENT_MASTER_KEYS })).toThrow(
      /SUBJECT_MASTER_KEYS: the local development key may not be used in production/,
    );
    expect(validateEnvironment({ ...production, SUBJECT_MASTER_KEYS: PRODUCTION_MASTER_KEYS }).SUBJECT_MASTER_KEYS).toBe(
      PRODUCTION_MASTER_KEYS,
    );
  });

  it('refuses a child index key too short to hide what it hashes, and the development one in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'test', CHILD_INDEX_KEY: Buffer.alloc(16, 1).toString('base64') })).toThrow(
      /CHILD_INDEX_KEY: must be a base64 key of at least 32 bytes/,
    );
    const councilKey = Buffer.alloc(32, 9).toString('base64');
    expect(validateEnvironment({ NODE_ENV: 'test', CHILD_INDEX_KEY: councilKey }).CHILD_INDEX_KEY).toBe(councilKey);
    const production = {
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'https://idp.example.gov.uk/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example.gov.uk',
      JWT_AUDIENCE: 'csc-front-door',
      SUBJECT_MASTER_KEYS: PRODUCTION_MASTER_KEYS,
    };
    for (const developmentKey of [LOCAL_DEVELOPMENT_BLIND_INDEX_KEY, LOCAL_DEVELOPMENT_BLIND_INDEX_KEY.replace(/=+$/, '')]) {
      expect(() => validateEnvironment({ ...production, CHILD_INDEX_KEY: developmentKey })).toThrow(
        /CHILD_INDEX_KEY: the local development key may not be used in production/,
      );
    }
    expect(validateEnvironment({ ...production, CHILD_INDEX_KEY: councilKey }).CHILD_INDEX_KEY).toBe(councilKey);
  });

  it('lets development send webhooks over http to local addresses only when told to, and refuses that in production', () => {
    expect(validateEnvironment({ NODE_ENV: 'development' }).WEBHOOK_ALLOW_LOCAL_ADDRESSES).toBe(false);
    expect(validateEnvironment({ NODE_ENV: 'development', WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' }).WEBHOOK_ALLOW_LOCAL_ADDRESSES).toBe(
      true,
    );
    expect(validateEnvironment({ NODE_ENV: 'test', WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'false' }).WEBHOOK_ALLOW_LOCAL_ADDRESSES).toBe(false);
    expect(() => validateEnvironment({ NODE_ENV: 'test', WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'yes' })).toThrow(
      /WEBHOOK_ALLOW_LOCAL_ADDRESSES must be true or false/,
    );
    const production = {
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'https://idp.example.gov.uk/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example.gov.uk',
      JWT_AUDIENCE: 'csc-front-door',
      SUBJECT_MASTER_KEYS: PRODUCTION_MASTER_KEYS,
    };
    expect(() => validateEnvironment({ ...production, WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' })).toThrow(
      /WEBHOOK_ALLOW_LOCAL_ADDRESSES: development only; production webhooks are https to public addresses/,
    );
    expect(() => validateEnvironment({ ...production, WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'false' })).not.toThrow(
      /WEBHOOK_ALLOW_LOCAL_ADDRESSES/,
    );
  });

  it('refuses a short shared secret', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'test', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: /);
  });
});
