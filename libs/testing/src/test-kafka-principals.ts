import { ADMIN_PRINCIPAL, principalEnvironment } from '@csc/messaging';

/**
 * Who signs in to the tests' broker. On the plaintext broker nobody does: these are empty and
 * every client keeps the environment's settings. On the secured broker (KAFKA_SECURITY=sasl_ssl,
 * global set-up publishes its run directory) each process signs in as the principal it stands
 * for, read from `<run dir>/principals/<name>.env`: a service under test as itself, so that the
 * broker's ACLs are exercised by every e2e test; the tests' own set-up and probes as admin.
 */
export const testKafkaRunDir = (): string | undefined => process.env.CSC_TEST_KAFKA_RUN_DIR || undefined;

/**
 * A principal's settings for a process's environment, without KAFKA_BROKERS (the caller names the
 * broker). Never for a command line: the password would show in `ps`.
 */
export const testPrincipalEnvironment = (principal: string): Record<string, string> => {
  const runDir = testKafkaRunDir();
  if (!runDir) return {};
  const { KAFKA_BROKERS: _brokers, ...settings } = principalEnvironment(runDir, principal);
  return settings;
};

/** Tools a test runs in a process of its own (a relay, a loader, the warm-up) do the tests' set-up work: as admin. */
export const testToolEnvironment = (): Record<string, string> => testPrincipalEnvironment(ADMIN_PRINCIPAL);
