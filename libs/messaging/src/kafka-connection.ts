import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import {
  describeKafkaConnection,
  KAFKA_CONNECTION_SETTING_NAMES,
  kafkaConnectionProblems,
  resolveKafkaConnectionSettings,
  SYSTEM_TRUST_STORE,
  type KafkaConnectionSettings,
} from './kafka-connection-settings';

/** How kafkajs reaches the broker: neither for PLAINTEXT; `ssl: true` trusts the system's CAs. */
export interface KafkaConnection {
  ssl?: ConnectionOptions | true;
  sasl?: SASLOptions;
  /** For the start-up log; holds no secret. */
  description: string;
}

export type PemReader = (path: string) => string;

const readPemFile: PemReader = (path) => readFileSync(path, 'utf8');

/**
 * The one place settings become kafkajs's `ssl` and `sasl`: services, tools, tests and benchmarks
 * all come through here. The PEM files are read now, once, so a missing file stops the start
 * rather than the first reconnection hours later. Throws, naming every setting that is wrong.
 */
export const kafkaConnectionOf = (
  settings: KafkaConnectionSettings,
  { production, readPem = readPemFile }: { production: boolean; readPem?: PemReader },
): KafkaConnection => {
  const problems = kafkaConnectionProblems(settings, { production });
  if (problems.length > 0) throw new Error(`invalid Kafka connection settings:\n  ${problems.join('\n  ')}`);
  const resolved = resolveKafkaConnectionSettings(settings);
  const connection: KafkaConnection = { description: describeKafkaConnection(resolved) };
  if (resolved.sasl) {
    connection.sasl = { mechanism: resolved.mechanism, username: resolved.username!, password: resolved.password! } as SASLOptions;
  }
  if (resolved.tls) {
    const tls: ConnectionOptions = {};
    if (resolved.ca !== SYSTEM_TRUST_STORE) tls.ca = [pemOf('KAFKA_SSL_CA', resolved.ca!, 'CERTIFICATE', readPem)];
    if (resolved.cert) tls.cert = pemOf('KAFKA_SSL_CERT', resolved.cert, 'CERTIFICATE', readPem);
    if (resolved.key) tls.key = pemOf('KAFKA_SSL_KEY', resolved.key, 'PRIVATE KEY', readPem);
    // The chain is still verified against the CA; only the name in the certificate is not compared with the address.
    if (!resolved.checkHostname) tls.checkServerIdentity = () => undefined;
    connection.ssl = Object.keys(tls).length === 0 ? true : tls;
  }
  return connection;
};

/** For tools and tests: the same settings from the process environment, production's rules when NODE_ENV says so. */
export const kafkaConnectionFromEnvironment = (environment: NodeJS.ProcessEnv = process.env): KafkaConnection =>
  kafkaConnectionOf(kafkaConnectionSettingsOf(environment), { production: environment.NODE_ENV === 'production' });

/** Picks the connection settings out of any bag of settings (the environment, a service's validated config). */
export const kafkaConnectionSettingsOf = (source: Record<string, unknown>): KafkaConnectionSettings =>
  Object.fromEntries(
    KAFKA_CONNECTION_SETTING_NAMES.filter((name) => typeof source[name] === 'string').map((name) => [name, source[name] as string]),
  );

const pemOf = (setting: string, path: string, label: 'CERTIFICATE' | 'PRIVATE KEY', readPem: PemReader): string => {
  let text: string;
  try {
    text = readPem(path);
  } catch (error) {
    throw new Error(`${setting}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // Only the label is looked for: the key's content must never reach a message or a log.
  if (!new RegExp(`-----BEGIN [A-Z ]*${label}-----`).test(text)) throw new Error(`${setting}: ${path} holds no PEM ${label.toLowerCase()}`);
  return text;
};
