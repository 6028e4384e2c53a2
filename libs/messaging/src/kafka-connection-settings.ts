/** Kafka's own names for how a client reaches a listener (`security.protocol`). */
export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_SSL', 'SASL_PLAINTEXT'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

/** The SASL mechanisms kafkajs speaks without a plug-in, in its spelling (Kafka's upper-case names are accepted too). */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** `KAFKA_SSL_CA=system`: the broker's certificate is signed by a CA in Node's own trust store (a managed Kafka). */
export const SYSTEM_TRUST_STORE = 'system';

export const KAFKA_CONNECTION_SETTING_NAMES = [
  'KAFKA_SECURITY_PROTOCOL',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SSL_CA',
  'KAFKA_SSL_CERT',
  'KAFKA_SSL_KEY',
  'KAFKA_SSL_CHECK_HOSTNAME',
] as const;

/** The settings as the environment gives them: strings, any of them absent (an empty string counts as absent). */
export type KafkaConnectionSettings = Partial<Record<(typeof KAFKA_CONNECTION_SETTING_NAMES)[number], string>>;

/** The settings read and defaulted, once they are known to be a valid combination. */
export interface ResolvedKafkaConnectionSettings {
  protocol: KafkaSecurityProtocol;
  tls: boolean;
  sasl: boolean;
  mechanism: KafkaSaslMechanism;
  username?: string;
  password?: string;
  ca?: string;
  cert?: string;
  key?: string;
  checkHostname: boolean;
}

const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

export const resolveKafkaConnectionSettings = (settings: KafkaConnectionSettings): ResolvedKafkaConnectionSettings => {
  const protocol = (given(settings.KAFKA_SECURITY_PROTOCOL) ?? 'PLAINTEXT') as KafkaSecurityProtocol;
  return {
    protocol,
    tls: protocol === 'SSL' || protocol === 'SASL_SSL',
    sasl: protocol === 'SASL_SSL' || protocol === 'SASL_PLAINTEXT',
    mechanism: (given(settings.KAFKA_SASL_MECHANISM)?.toLowerCase() ?? 'scram-sha-512') as KafkaSaslMechanism,
    username: given(settings.KAFKA_SASL_USERNAME),
    // Not trimmed: a password is whatever the principal was given.
    password: settings.KAFKA_SASL_PASSWORD === '' ? undefined : settings.KAFKA_SASL_PASSWORD,
    ca: given(settings.KAFKA_SSL_CA),
    cert: given(settings.KAFKA_SSL_CERT),
    key: given(settings.KAFKA_SSL_KEY),
    checkHostname: given(settings.KAFKA_SSL_CHECK_HOSTNAME) !== 'false',
  };
};

/**
 * What is wrong with a combination of settings, one line each naming the setting; empty when none.
 * A setting that would be ignored is refused too: SASL credentials on a PLAINTEXT connection would
 * let an operator believe the service authenticates when it does not.
 */
export const kafkaConnectionProblems = (settings: KafkaConnectionSettings, { production }: { production: boolean }): string[] => {
  const problems: string[] = [];
  const protocol = given(settings.KAFKA_SECURITY_PROTOCOL);
  if (protocol !== undefined && !(KAFKA_SECURITY_PROTOCOLS as readonly string[]).includes(protocol)) {
    return [`KAFKA_SECURITY_PROTOCOL: must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')} (got ${protocol})`];
  }
  const resolved = resolveKafkaConnectionSettings(settings);
  const mechanism = given(settings.KAFKA_SASL_MECHANISM);
  if (resolved.sasl) {
    if (!(KAFKA_SASL_MECHANISMS as readonly string[]).includes(resolved.mechanism)) {
      problems.push(`KAFKA_SASL_MECHANISM: must be one of ${KAFKA_SASL_MECHANISMS.join(', ')} (got ${mechanism})`);
    }
    if (!resolved.username) problems.push(`KAFKA_SASL_USERNAME: required with KAFKA_SECURITY_PROTOCOL=${resolved.protocol}`);
    if (!resolved.password) problems.push(`KAFKA_SASL_PASSWORD: required with KAFKA_SECURITY_PROTOCOL=${resolved.protocol}`);
  } else {
    const ignored = { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: resolved.username, KAFKA_SASL_PASSWORD: resolved.password };
    for (const [name, value] of Object.entries(ignored)) {
      if (value !== undefined) problems.push(`${name}: only with SASL_SSL or SASL_PLAINTEXT; ${resolved.protocol} does not authenticate`);
    }
  }
  if (resolved.tls) {
    if (!resolved.ca) {
      problems.push(
        `KAFKA_SSL_CA: required with ${resolved.protocol}: the path to the broker's CA certificate (PEM), or "${SYSTEM_TRUST_STORE}" for the system's trust store`,
      );
    }
    if ((resolved.cert === undefined) !== (resolved.key === undefined)) {
      problems.push('KAFKA_SSL_CERT and KAFKA_SSL_KEY: give both (mutual TLS) or neither');
    }
  } else {
    const ignored = { KAFKA_SSL_CA: resolved.ca, KAFKA_SSL_CERT: resolved.cert, KAFKA_SSL_KEY: resolved.key };
    for (const [name, value] of Object.entries(ignored)) {
      if (value !== undefined) problems.push(`${name}: only with SSL or SASL_SSL; ${resolved.protocol} is not encrypted`);
    }
  }
  const checkHostname = given(settings.KAFKA_SSL_CHECK_HOSTNAME);
  if (checkHostname !== undefined && checkHostname !== 'true' && checkHostname !== 'false') {
    problems.push(`KAFKA_SSL_CHECK_HOSTNAME: must be true or false (got ${checkHostname})`);
  } else if (checkHostname !== undefined && !resolved.tls) {
    problems.push(`KAFKA_SSL_CHECK_HOSTNAME: only with SSL or SASL_SSL; ${resolved.protocol} has no certificate to check`);
  }
  if (production) problems.push(...productionProblems(resolved));
  return problems;
};

/**
 * Production's events open cases and erase children: the broker must be reached encrypted, by a
 * client that proves who it is (SASL or its own certificate), talking to the broker it meant to.
 */
const productionProblems = (resolved: ResolvedKafkaConnectionSettings): string[] => {
  if (!resolved.tls)
    return [`KAFKA_SECURITY_PROTOCOL: ${resolved.protocol} is not encrypted; production needs SASL_SSL (or SSL with a client certificate)`];
  const problems: string[] = [];
  if (!resolved.sasl && resolved.cert === undefined) {
    problems.push('KAFKA_SSL_CERT: production with SSL needs a client certificate (mutual TLS) to authenticate, or SASL_SSL');
  }
  if (!resolved.checkHostname) problems.push("KAFKA_SSL_CHECK_HOSTNAME: production always checks the broker's host name");
  return problems;
};

/** One line for the start-up log: how the client reaches the broker, never the password. */
export const describeKafkaConnection = (resolved: ResolvedKafkaConnectionSettings): string => {
  const parts: string[] = [resolved.protocol];
  if (resolved.sasl) parts.push(`${resolved.mechanism} as ${resolved.username}`);
  if (resolved.tls) {
    parts.push(resolved.ca === SYSTEM_TRUST_STORE ? 'CA from the system trust store' : `CA ${resolved.ca}`);
    if (resolved.cert) parts.push(`client certificate ${resolved.cert}`);
    if (!resolved.checkHostname) parts.push('host name NOT checked');
  }
  return parts.join(', ');
};
