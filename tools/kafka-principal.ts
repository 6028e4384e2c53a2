import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyKafkaAcls } from './kafka-security/apply-kafka-acls';
import { ADMIN_PRINCIPAL, desiredAcls, isAnalystPrincipalName } from './kafka-security/kafka-acl-rules';
import { caFileOf, listPrincipals, randomPassword, readPrincipalSettings, settingsFileOf, writePrincipalSettings } from '@csc/messaging';
import { secureKafkaClient } from './kafka-security/secure-kafka-client';

/**
 * `npm run kafka:principal -- --name my-analysis --read`: a read-only principal for an analyst's own
 * consumer on the secured broker of KAFKA_RUN_DIR (default .run/kafka-secure, as kafka.sh's). Its SCRAM-SHA-512 credential is set as admin through Kafka's Admin API (kafkajs cannot manage SCRAM users; infra/kafka/KafkaSecrets.java
 * can, and takes the password on standard input), it is given the reader's ACLs (every domain topic;
 * consumer groups `<name>` and `<name>.*`), and its settings file is printed, never its password.
 * kafka.sh also certifies it, for kcat on the readers' mutual-TLS listener (`<name>.librdkafka.properties`).
 * Run again to replace the password.
 */
const repo = resolve(__dirname, '..');
const runDir = resolve(process.env.KAFKA_RUN_DIR ?? join(repo, '.run', 'kafka-secure'));

const setScramCredential = (name: string, password: string): void => {
  const classpath = readFileSync(join(repo, 'infra', 'kafka', 'target', 'classpath.txt'), 'utf8').trim();
  execFileSync(
    'java',
    ['-cp', classpath, join(repo, 'infra', 'kafka', 'KafkaSecrets.java'), 'add-user', join(runDir, 'admin-client.properties')],
    {
      input: `${name} ${password}\n`,
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { name: { type: 'string' }, read: { type: 'boolean', default: false } } });
  const name = values.name ?? '';
  if (!values.read) throw new Error('only read-only principals are made here: pass --read');
  if (!isAnalystPrincipalName(name))
    throw new Error(`--name must be 2-63 of a-z, 0-9 and '-', starting with a letter, and not a service's or admin's name`);
  if (!existsSync(settingsFileOf(runDir, ADMIN_PRINCIPAL))) {
    throw new Error(
      `no secured broker's settings in ${runDir}: start one with bash infra/kafka/kafka.sh start (KAFKA_RUN_DIR: its run directory, if not the default)`,
    );
  }
  const admin = readPrincipalSettings(runDir, ADMIN_PRINCIPAL);
  const password = randomPassword();
  setScramCredential(name, password);
  const file = writePrincipalSettings(runDir, { name, password, brokers: admin.brokers, caFile: caFileOf(runDir), access: 'read' });
  const analysts = listPrincipals(runDir)
    .filter(({ access }) => access === 'read')
    .map((principal) => principal.name);
  const changes = await applyKafkaAcls(secureKafkaClient(admin), desiredAcls(analysts));
  console.log(`kafka: ${name} may read every domain topic, with consumer groups ${name} and ${name}.* (${changes.created} ACLs created)`);
  console.log(`kafka: its settings (KAFKA_BROKERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_CA) are in ${file}`);
  // A client certificate too, for kcat and other librdkafka clients (the readers' mutual-TLS listener): kafka.sh holds the CA.
  execFileSync('bash', [join(repo, 'infra', 'kafka', 'kafka.sh'), 'certify', name], {
    env: { ...process.env, KAFKA_SECURITY: 'sasl_ssl', KAFKA_RUN_DIR: runDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
};

main().catch((error: unknown) => {
  console.error(`kafka:principal failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
