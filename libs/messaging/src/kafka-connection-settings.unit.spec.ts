import { describeKafkaConnection, kafkaConnectionProblems, resolveKafkaConnectionSettings } from './kafka-connection-settings';

const development = { production: false };
const production = { production: true };
const SCRAM = { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'referral-intake', KAFKA_SASL_PASSWORD: 'a-long-secret' };
const SECURED = { ...SCRAM, KAFKA_SSL_CA: '/etc/kafka/ca.pem' };

describe('kafkaConnectionProblems', () => {
  it('takes no settings as PLAINTEXT, the local broker as it stands, outside production', () => {
    expect(kafkaConnectionProblems({}, development)).toEqual([]);
    expect(resolveKafkaConnectionSettings({})).toMatchObject({ protocol: 'PLAINTEXT', tls: false, sasl: false });
  });

  it("refuses a protocol that is not one of Kafka's names", () => {
    expect(kafkaConnectionProblems({ KAFKA_SECURITY_PROTOCOL: 'TLS' }, development)).toEqual([
      'KAFKA_SECURITY_PROTOCOL: must be one of PLAINTEXT, SSL, SASL_SSL, SASL_PLAINTEXT (got TLS)',
    ]);
  });

  it('needs a username and a password with SASL, naming each one missing', () => {
    expect(kafkaConnectionProblems({ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' }, development)).toEqual([
      'KAFKA_SASL_USERNAME: required with KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT',
      'KAFKA_SASL_PASSWORD: required with KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT',
    ]);
    expect(kafkaConnectionProblems({ ...SECURED, KAFKA_SASL_PASSWORD: '' }, development)).toEqual([
      'KAFKA_SASL_PASSWORD: required with KAFKA_SECURITY_PROTOCOL=SASL_SSL',
    ]);
  });

  it("defaults to SCRAM-SHA-512, takes kafkajs's or Kafka's spelling of a mechanism and refuses others", () => {
    expect(resolveKafkaConnectionSettings(SECURED).mechanism).toBe('scram-sha-512');
    expect(resolveKafkaConnectionSettings({ ...SECURED, KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256' }).mechanism).toBe('scram-sha-256');
    expect(kafkaConnectionProblems({ ...SECURED, KAFKA_SASL_MECHANISM: 'plain' }, development)).toEqual([]);
    expect(kafkaConnectionProblems({ ...SECURED, KAFKA_SASL_MECHANISM: 'GSSAPI' }, development)).toEqual([
      'KAFKA_SASL_MECHANISM: must be one of scram-sha-512, scram-sha-256, plain (got GSSAPI)',
    ]);
  });

  it("needs the broker's CA with TLS, or the system trust store said in so many words", () => {
    expect(kafkaConnectionProblems(SCRAM, development)).toEqual([
      'KAFKA_SSL_CA: required with SASL_SSL: the path to the broker\'s CA certificate (PEM), or "system" for the system\'s trust store',
    ]);
    expect(kafkaConnectionProblems({ ...SCRAM, KAFKA_SSL_CA: 'system' }, development)).toEqual([]);
    expect(kafkaConnectionProblems({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA: '/etc/kafka/ca.pem' }, development)).toEqual([]);
  });

  it('takes a client certificate and its key together or not at all', () => {
    const mutual = { KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA: '/ca.pem', KAFKA_SSL_CERT: '/client.pem', KAFKA_SSL_KEY: '/client.key' };
    expect(kafkaConnectionProblems(mutual, development)).toEqual([]);
    expect(kafkaConnectionProblems({ ...mutual, KAFKA_SSL_KEY: undefined }, development)).toEqual([
      'KAFKA_SSL_CERT and KAFKA_SSL_KEY: give both (mutual TLS) or neither',
    ]);
  });

  it('refuses settings the protocol would ignore, so that nobody believes a plaintext client authenticates', () => {
    expect(kafkaConnectionProblems({ KAFKA_SASL_USERNAME: 'analytics', KAFKA_SASL_PASSWORD: 'secret' }, development)).toEqual([
      'KAFKA_SASL_USERNAME: only with SASL_SSL or SASL_PLAINTEXT; PLAINTEXT does not authenticate',
      'KAFKA_SASL_PASSWORD: only with SASL_SSL or SASL_PLAINTEXT; PLAINTEXT does not authenticate',
    ]);
    expect(
      kafkaConnectionProblems(
        { ...SCRAM, KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SSL_CA: '/ca.pem', KAFKA_SSL_CHECK_HOSTNAME: 'false' },
        development,
      ),
    ).toEqual([
      'KAFKA_SSL_CA: only with SSL or SASL_SSL; SASL_PLAINTEXT is not encrypted',
      'KAFKA_SSL_CHECK_HOSTNAME: only with SSL or SASL_SSL; SASL_PLAINTEXT has no certificate to check',
    ]);
  });

  it('checks the host name unless told false, and refuses anything but true or false', () => {
    expect(resolveKafkaConnectionSettings(SECURED).checkHostname).toBe(true);
    expect(resolveKafkaConnectionSettings({ ...SECURED, KAFKA_SSL_CHECK_HOSTNAME: 'false' }).checkHostname).toBe(false);
    expect(kafkaConnectionProblems({ ...SECURED, KAFKA_SSL_CHECK_HOSTNAME: 'no' }, development)).toEqual([
      'KAFKA_SSL_CHECK_HOSTNAME: must be true or false (got no)',
    ]);
  });

  it('refuses in production a connection that is not encrypted, not authenticated, or not checked against its host name', () => {
    expect(kafkaConnectionProblems(SECURED, production)).toEqual([]);
    expect(kafkaConnectionProblems({}, production)).toEqual([
      'KAFKA_SECURITY_PROTOCOL: PLAINTEXT is not encrypted; production needs SASL_SSL (or SSL with a client certificate)',
    ]);
    expect(kafkaConnectionProblems({ ...SCRAM, KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' }, production)).toEqual([
      'KAFKA_SECURITY_PROTOCOL: SASL_PLAINTEXT is not encrypted; production needs SASL_SSL (or SSL with a client certificate)',
    ]);
    expect(kafkaConnectionProblems({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA: '/ca.pem' }, production)).toEqual([
      'KAFKA_SSL_CERT: production with SSL needs a client certificate (mutual TLS) to authenticate, or SASL_SSL',
    ]);
    expect(kafkaConnectionProblems({ ...SECURED, KAFKA_SSL_CHECK_HOSTNAME: 'false' }, production)).toEqual([
      "KAFKA_SSL_CHECK_HOSTNAME: production always checks the broker's host name",
    ]);
  });

  it('never puts the password in a problem or in the description', () => {
    const password = 'do-not-show-me-0123456789';
    const settings = { ...SCRAM, KAFKA_SASL_PASSWORD: password, KAFKA_SASL_MECHANISM: 'GSSAPI' };
    expect(kafkaConnectionProblems(settings, production).join('\n')).not.toContain(password);
    expect(describeKafkaConnection(resolveKafkaConnectionSettings({ ...SECURED, KAFKA_SASL_PASSWORD: password }))).toBe(
      'SASL_SSL, scram-sha-512 as referral-intake, CA /etc/kafka/ca.pem',
    );
  });
});
