import { LOCAL_DEVELOPMENT_BLIND_INDEX_KEY, LOCAL_DEVELOPMENT_MASTER_KEYS } from '@csc/privacy';
import { LOCAL_DEVELOPMENT_JWT_SECRET, validateEnvironment } from './service-environment';

const PRODUCTION_MASTER_KEYS = `prod-1:${Buffer.alloc(32, 7).toString('base64')}`;
const PRODUCTION_KAFKA = {
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SASL_USERNAME: 'referral-intake',
  KAFKA_SASL_PASSWORD: 'from-the-secrets-manager',
  KAFKA_SSL_CA: '/etc/csc/kafka-ca.pem',
};
/** Every setting production requires, each valid: a test spoils one. */
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_JWKS_URL: 'https://idp.example.gov.uk/.well-known/jwks.json',
  JWT_ISSUER: 'https://idp.example.gov.uk',
  JWT_AUDIENCE: 'csc-front-door',
  SUBJECT_MASTER_KEYS: PRODUCTION_MASTER_KEYS,
  METRICS_TOKEN: 'prometheus-scrape-token-from-the-secrets-manager',
  ...PRODUCTION_KAFKA,
};

describe('validateEnvironment', () => {
  it('keeps /metrics private in production: a token of at least 32 characters is required there', () => {
    expect(validateEnvironment(PRODUCTION).METRICS_TOKEN).toBe(PRODUCTION.METRICS_TOKEN);
    expect(() => validateEnvironment({ ...PRODUCTION, METRICS_TOKEN: undefined })).toThrow(/METRICS_TOKEN: required in production/);
    expect(() => validateEnvironment({ ...PRODUCTION, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: .*32/);
    expect(validateEnvironment({ NODE_ENV: 'development' }).METRICS_TOKEN).toBeUndefined();
  });

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
      PROJECTION_THREADS: '2',
    });
    expect(environment).toMatchObject({
      RETENTION_SWEEP_HOURS: 0,
      RETENTION_UNTIL_AGE: 26,
      WEBHOOK_RETRY_FIRST_DELAY_MS: 200,
      WEBHOOK_RETRY_FOR_SECONDS: 12,
      WEBHOOK_TIMEOUT_MS: 2000,
      WEBHOOK_CONCURRENCY: 4,
      PROJECTION_THREADS: 2,
    });
    expect(validateEnvironment({ NODE_ENV: 'test' }).WEBHOOK_RETRY_FOR_SECONDS).toBe(24 * 60 * 60);
    // Projections run on the service's own thread unless threads are asked for (their memory is the deployment's to give).
    expect(validateEnvironment({ NODE_ENV: 'test' }).PROJECTION_THREADS).toBe(0);
    expect(() => validateEnvironment({ NODE_ENV: 'test', PROJECTION_THREADS: '-1' })).toThrow(/PROJECTION_THREADS: /);
    expect(() => validateEnvironment({ NODE_ENV: 'test', WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS: /);
  });

  it('tunes consumer sessions so a dead member is noticed within seconds, and refuses a heartbeat too slow for its session', () => {
    expect(validateEnvironment({ NODE_ENV: 'test' })).toMatchObject({
      KAFKA_SESSION_TIMEOUT_MS: 8_000,
      KAFKA_HEARTBEAT_INTERVAL_MS: 1_000,
      KAFKA_REBALANCE_TIMEOUT_MS: 30_000,
      WEBHOOK_LEASE_SECONDS: 20,
    });
    expect(validateEnvironment({ NODE_ENV: 'test', KAFKA_SESSION_TIMEOUT_MS: '12000', KAFKA_HEARTBEAT_INTERVAL_MS: '4000' })).toMatchObject(
      {
        KAFKA_SESSION_TIMEOUT_MS: 12_000,
        KAFKA_HEARTBEAT_INTERVAL_MS: 4_000,
      },
    );
    expect(() => validateEnvironment({ NODE_ENV: 'test', KAFKA_SESSION_TIMEOUT_MS: '3000' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS: /);
    expect(() => validateEnvironment({ NODE_ENV: 'test', KAFKA_HEARTBEAT_INTERVAL_MS: '5000' })).toThrow(
      /KAFKA_HEARTBEAT_INTERVAL_MS: at most a third of KAFKA_SESSION_TIMEOUT_MS/,
    );
    expect(() => validateEnvironment({ NODE_ENV: 'test', WEBHOOK_LEASE_SECONDS: '1' })).toThrow(/WEBHOOK_LEASE_SECONDS: /);
  });

  it('refuses to run in production without RS256 keys over https, an explicit issuer and audience, or with a shared secret', () => {
    const production = PRODUCTION;
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
    const { SUBJECT_MASTER_KEYS: _keys, ...production } = PRODUCTION;
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
    const production = PRODUCTION;
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
    const production = PRODUCTION;
    expect(() => validateEnvironment({ ...production, WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' })).toThrow(
      /WEBHOOK_ALLOW_LOCAL_ADDRESSES: development only; production webhooks are https to public addresses/,
    );
    expect(() => validateEnvironment({ ...production, WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'false' })).not.toThrow(
      /WEBHOOK_ALLOW_LOCAL_ADDRESSES/,
    );
  });

  it('reaches Kafka as PLAINTEXT outside production unless told otherwise, and checks the connection settings as a whole', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'development' })).not.toThrow();
    expect(validateEnvironment({ NODE_ENV: 'test', ...PRODUCTION_KAFKA })).toMatchObject(PRODUCTION_KAFKA);
    expect(() => validateEnvironment({ NODE_ENV: 'test', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SSL_CA: '/ca.pem' })).toThrow(
      /KAFKA_SASL_USERNAME: required with KAFKA_SECURITY_PROTOCOL=SASL_SSL\n {2}KAFKA_SASL_PASSWORD: required/,
    );
    expect(() => validateEnvironment({ NODE_ENV: 'development', KAFKA_SECURITY_PROTOCOL: 'sasl' })).toThrow(
      /KAFKA_SECURITY_PROTOCOL: must be one of PLAINTEXT, SSL, SASL_SSL, SASL_PLAINTEXT/,
    );
    expect(() => validateEnvironment({ NODE_ENV: 'development', KAFKA_SSL_CHECK_HOSTNAME: 'false' })).toThrow(
      /KAFKA_SSL_CHECK_HOSTNAME: only with SSL or SASL_SSL/,
    );
  });

  it('refuses in production a Kafka connection in clear, or one that does not check the broker is the one it meant', () => {
    expect(() => validateEnvironment(PRODUCTION)).not.toThrow();
    const {
      KAFKA_SECURITY_PROTOCOL: _protocol,
      KAFKA_SASL_USERNAME: _user,
      KAFKA_SASL_PASSWORD: _password,
      KAFKA_SSL_CA: _ca,
      ...plaintext
    } = PRODUCTION;
    expect(() => validateEnvironment(plaintext)).toThrow(/KAFKA_SECURITY_PROTOCOL: PLAINTEXT is not encrypted; production needs SASL_SSL/);
    expect(() => validateEnvironment({ ...PRODUCTION, KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SSL_CA: '' })).toThrow(
      /KAFKA_SECURITY_PROTOCOL: SASL_PLAINTEXT is not encrypted/,
    );
    expect(() => validateEnvironment({ ...PRODUCTION, KAFKA_SSL_CHECK_HOSTNAME: 'false' })).toThrow(
      /KAFKA_SSL_CHECK_HOSTNAME: production always checks the broker's host name/,
    );
    expect(() => validateEnvironment({ ...PRODUCTION, KAFKA_SASL_PASSWORD: 'never-in-a-message' })).not.toThrow();
    let message = '';
    try {
      validateEnvironment({ ...PRODUCTION, KAFKA_SASL_PASSWORD: 'never-in-a-message', KAFKA_SSL_CHECK_HOSTNAME: 'false' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/KAFKA_SSL_CHECK_HOSTNAME/);
    expect(message).not.toContain('never-in-a-message');
  });

  it('refuses a short shared secret', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'test', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: /);
  });
});
