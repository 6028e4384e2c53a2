import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const KAFKA_SH = resolve(__dirname, '../../../infra/kafka/kafka.sh');
const run = promisify(execFile);

/**
 * The tests' broker crashed (SIGKILL) and started again, as the chaos test does to it. Only a broker
 * infra/kafka/kafka.sh runs can be: one named by KAFKA_BROKERS, or a container, is not ours to kill.
 * Asynchronous on purpose: the test's own load goes on while the broker is down and starting.
 */
export const killTestBroker = async (): Promise<void> => {
  refuseForeignBroker();
  await run('bash', [KAFKA_SH, 'kill']);
};

/** Returns once the broker answers and has finished starting (kafka.sh's own readiness). */
export const startTestBroker = async (): Promise<void> => {
  refuseForeignBroker();
  await run('bash', [KAFKA_SH, 'start'], { timeout: 180_000 });
};

const refuseForeignBroker = () => {
  if (process.env.KAFKA_BROKERS)
    throw new Error('KAFKA_BROKERS names a broker this project did not start: the chaos test kills only its own');
};
