import { kafkaConnectionFromEnvironment, kafkaConnectionOf, type PemReader } from './kafka-connection';
import { librdkafkaPropertiesOf } from './librdkafka-properties';

const CA = '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n';
const CLIENT_CERT = '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n';
const CLIENT_KEY = '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n';

/** The files as a map: these specs do no I/O. */
const files =
  (contents: Record<string, string>): PemReader =>
  (path) => {
    if (contents[path] === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return contents[path];
  };
const readPem = files({ '/ca.pem': CA, '/client.pem': CLIENT_CERT, '/client.key': CLIENT_KEY, '/empty.pem': '' });
const SASL_SSL = {
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SASL_USERNAME: 'analytics',
  KAFKA_SASL_PASSWORD: 'secret',
  KAFKA_SSL_CA: '/ca.pem',
};

describe('kafkaConnectionOf', () => {
  it('gives kafkajs neither ssl nor sasl for PLAINTEXT', () => {
    expect(kafkaConnectionOf({}, { production: false, readPem })).toEqual({ description: 'PLAINTEXT' });
  });

  it("gives SASL_SSL the mechanism, the credentials and the broker's CA read from its file", () => {
    expect(kafkaConnectionOf(SASL_SSL, { production: true, readPem })).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'analytics', password: 'secret' },
      ssl: { ca: [CA] },
      description: 'SASL_SSL, scram-sha-512 as analytics, CA /ca.pem',
    });
  });

  it('gives SASL_PLAINTEXT sasl without ssl', () => {
    const connection = kafkaConnectionOf(
      { ...SASL_SSL, KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SSL_CA: '' },
      { production: false, readPem },
    );
    expect(connection.ssl).toBeUndefined();
    expect(connection.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'analytics', password: 'secret' });
  });

  it("trusts the system's CAs when told `system`, and sends a client certificate for mutual TLS", () => {
    expect(kafkaConnectionOf({ ...SASL_SSL, KAFKA_SSL_CA: 'system' }, { production: true, readPem }).ssl).toBe(true);
    const mutual = { KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA: '/ca.pem', KAFKA_SSL_CERT: '/client.pem', KAFKA_SSL_KEY: '/client.key' };
    expect(kafkaConnectionOf(mutual, { production: true, readPem })).toEqual({
      ssl: { ca: [CA], cert: CLIENT_CERT, key: CLIENT_KEY },
      description: 'SSL, CA /ca.pem, client certificate /client.pem',
    });
  });

  it("still verifies the chain when the host name check is off, and then accepts any name (Node's own check otherwise)", () => {
    const options = (settings: Record<string, string>) => {
      const { ssl } = kafkaConnectionOf(settings, { production: false, readPem });
      if (ssl === undefined || ssl === true) throw new Error('expected TLS options');
      return ssl;
    };
    const unchecked = options({ ...SASL_SSL, KAFKA_SSL_CHECK_HOSTNAME: 'false' });
    expect(unchecked).toMatchObject({ ca: [CA] });
    expect(unchecked.rejectUnauthorized).not.toBe(false);
    expect(typeof unchecked.checkServerIdentity).toBe('function');
    expect(unchecked.checkServerIdentity!('broker.example', {} as never)).toBeUndefined();
    expect(options(SASL_SSL).checkServerIdentity).toBeUndefined();
  });

  it('throws naming every setting that is wrong', () => {
    expect(() => kafkaConnectionOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }, { production: false, readPem })).toThrow(
      /invalid Kafka connection settings:\n {2}KAFKA_SASL_USERNAME: .*\n {2}KAFKA_SASL_PASSWORD: .*\n {2}KAFKA_SSL_CA: /,
    );
  });

  it('names the setting whose file is missing or holds no PEM, and never shows what a file holds', () => {
    expect(() => kafkaConnectionOf({ ...SASL_SSL, KAFKA_SSL_CA: '/missing.pem' }, { production: false, readPem })).toThrow(
      'KAFKA_SSL_CA: cannot read /missing.pem (ENOENT)',
    );
    expect(() => kafkaConnectionOf({ ...SASL_SSL, KAFKA_SSL_CA: '/empty.pem' }, { production: false, readPem })).toThrow(
      'KAFKA_SSL_CA: /empty.pem holds no PEM certificate',
    );
    const keyAsCa = { ...SASL_SSL, KAFKA_SSL_CA: '/client.key' };
    expect(() => kafkaConnectionOf(keyAsCa, { production: false, readPem })).toThrow(
      /^KAFKA_SSL_CA: \/client.key holds no PEM certificate$/,
    );
  });

  it("applies production's rules from NODE_ENV when read from the environment", () => {
    expect(kafkaConnectionFromEnvironment({ NODE_ENV: 'test' })).toEqual({ description: 'PLAINTEXT' });
    expect(() => kafkaConnectionFromEnvironment({ NODE_ENV: 'production' })).toThrow(/KAFKA_SECURITY_PROTOCOL: PLAINTEXT is not encrypted/);
  });
});

describe('librdkafkaPropertiesOf (kcat)', () => {
  it("says the same as the kafkajs options, in librdkafka's names", () => {
    expect(librdkafkaPropertiesOf({})).toEqual({ 'security.protocol': 'plaintext' });
    expect(librdkafkaPropertiesOf({ ...SASL_SSL, KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SSL_CHECK_HOSTNAME: 'false' })).toEqual({
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'SCRAM-SHA-256',
      'sasl.username': 'analytics',
      'sasl.password': 'secret',
      'ssl.ca.location': '/ca.pem',
      'ssl.endpoint.identification.algorithm': 'none',
    });
    expect(librdkafkaPropertiesOf({ ...SASL_SSL, KAFKA_SSL_CA: 'system' })['ssl.ca.location']).toBe('probe');
  });
});
