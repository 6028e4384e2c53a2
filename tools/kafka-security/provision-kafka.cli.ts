import { existsSync } from 'node:fs';
import { applyKafkaAcls } from './apply-kafka-acls';
import { ADMIN_PRINCIPAL, desiredAcls, FIXED_PRINCIPALS } from './kafka-acl-rules';
import { caFileOf, listPrincipals, randomPassword, readPrincipalSettings, settingsFileOf, writePrincipalSettings } from '@csc/messaging';
import { secureKafkaClient } from './secure-kafka-client';

/**
 * The secured broker's provisioning, run by infra/kafka/kafka.sh (KAFKA_SECURITY=sasl_ssl):
 *   principals <run dir> <brokers>  writes a settings file with a new random password for each fixed principal that has none
 *   acls <run dir>                  as admin, makes the broker's ACLs exactly kafka-acl-rules.ts's (analysts' principals included)
 * Prints names and counts, never a password.
 */
const [command, runDir, brokers] = process.argv.slice(2);

const writeMissingPrincipals = (): void => {
  const made = FIXED_PRINCIPALS.filter((name) => !existsSync(settingsFileOf(runDir, name)));
  for (const name of made) writePrincipalSettings(runDir, { name, password: randomPassword(), brokers, caFile: caFileOf(runDir) });
  if (made.length > 0) console.log(`kafka: new principals ${made.join(', ')} (settings in ${settingsFileOf(runDir, '<name>')})`);
};

const applyAcls = async (): Promise<void> => {
  const analysts = listPrincipals(runDir)
    .filter(({ access }) => access === 'read')
    .map(({ name }) => name);
  const changes = await applyKafkaAcls(secureKafkaClient(readPrincipalSettings(runDir, ADMIN_PRINCIPAL)), desiredAcls(analysts));
  console.log(`kafka: ACLs applied (${changes.created} created, ${changes.deleted} removed, ${changes.kept} unchanged)`);
};

const main = async (): Promise<void> => {
  if (!runDir) throw new Error('usage: provision-kafka.cli.ts principals <run dir> <brokers> | acls <run dir>');
  if (command === 'principals' && brokers) return writeMissingPrincipals();
  if (command === 'acls') return applyAcls();
  throw new Error(`unknown command ${command ?? '(none)'}`);
};

main().catch((error: unknown) => {
  console.error(`kafka provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
