import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_CONNECTION_SETTING_NAMES } from './kafka-connection-settings';

/**
 * A principal's client settings on the secured broker: one file per principal under
 * `<run dir>/principals/<name>.env`, mode 600, in the KAFKA_* names every client reads. The files
 * are the only copy of the passwords (the broker keeps salted SCRAM hashes), under .run/, which git ignores.
 */
export interface PrincipalSettings {
  name: string;
  password: string;
  brokers: string;
  caFile: string;
  /** `read`: an analyst's read-only principal made with `npm run kafka:principal`; absent for the fixed ones. */
  access?: 'read';
}

/** The secured broker's super user (kafka.sh's super.users): creates topics, changes ACLs, and does the tests' set-up. */
export const ADMIN_PRINCIPAL = 'admin';
/** Outside consumers' principal: reads every domain topic, writes nothing (tools/kafka-security/kafka-acl-rules.ts). */
export const READER_PRINCIPAL = 'analytics-reader';

export const principalsDirOf = (runDir: string): string => join(runDir, 'principals');
export const settingsFileOf = (runDir: string, name: string): string => join(principalsDirOf(runDir), `${name}.env`);
export const caFileOf = (runDir: string): string => join(runDir, 'tls', 'ca.pem');
/** A read-only principal's librdkafka settings (kcat -F), with its client certificate for the readers' mutual-TLS listener: kafka.sh certify writes it. */
export const librdkafkaPropertiesFileOf = (runDir: string, name: string): string =>
  join(principalsDirOf(runDir), `${name}.librdkafka.properties`);

/** 192 random bits as hex: safe inside a SCRAM format argument, a JAAS string and an env file. */
export const randomPassword = (): string => randomBytes(24).toString('hex');

export const writePrincipalSettings = (runDir: string, settings: PrincipalSettings): string => {
  mkdirSync(principalsDirOf(runDir), { recursive: true, mode: 0o700 });
  const file = settingsFileOf(runDir, settings.name);
  const lines = [
    `# Kafka client settings for principal ${settings.name} on the secured broker of ${runDir}. Secret: never commit or share.`,
    `KAFKA_BROKERS=${settings.brokers}`,
    'KAFKA_SECURITY_PROTOCOL=SASL_SSL',
    'KAFKA_SASL_MECHANISM=SCRAM-SHA-512',
    `KAFKA_SASL_USERNAME=${settings.name}`,
    `KAFKA_SASL_PASSWORD=${settings.password}`,
    `KAFKA_SSL_CA=${settings.caFile}`,
    ...(settings.access ? [`KAFKA_PRINCIPAL_ACCESS=${settings.access}`] : []),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync's mode applies only when it creates the file
  return file;
};

const parseEnv = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

/**
 * A principal's file as environment variables, for a process that runs as that principal (a service
 * under test, a tool): handed over in its environment, never on its command line. Only the client
 * settings (KAFKA_BROKERS and the KAFKA_SECURITY_PROTOCOL... of kafka-connection-settings.ts); a
 * missing file names the principal and the run directory, so a broker started without it is obvious.
 */
export const principalEnvironment = (runDir: string, name: string): Record<string, string> => {
  const file = settingsFileOf(runDir, name);
  if (!existsSync(file))
    throw new Error(`no settings for Kafka principal ${name}: ${file} is missing (start the secured broker of ${runDir})`);
  const env = parseEnv(readFileSync(file, 'utf8'));
  const names: readonly string[] = ['KAFKA_BROKERS', ...KAFKA_CONNECTION_SETTING_NAMES];
  return Object.fromEntries(Object.entries(env).filter(([setting]) => names.includes(setting)));
};

export const readPrincipalSettings = (runDir: string, name: string): PrincipalSettings => {
  const env = parseEnv(readFileSync(settingsFileOf(runDir, name), 'utf8'));
  return {
    name: env.KAFKA_SASL_USERNAME,
    password: env.KAFKA_SASL_PASSWORD,
    brokers: env.KAFKA_BROKERS,
    caFile: env.KAFKA_SSL_CA,
    ...(env.KAFKA_PRINCIPAL_ACCESS === 'read' ? { access: 'read' as const } : {}),
  };
};

export const listPrincipals = (runDir: string): PrincipalSettings[] =>
  existsSync(principalsDirOf(runDir))
    ? readdirSync(principalsDirOf(runDir))
        .filter((file) => file.endsWith('.env'))
        .map((file) => readPrincipalSettings(runDir, file.slice(0, -'.env'.length)))
    : [];
