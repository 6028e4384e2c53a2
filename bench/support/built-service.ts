import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { asAppRole } from '@csc/platform';
import { ensureTestKeyVault, TEST_JWT, testKeyVaultUrl } from '@csc/testing';

const REPO = resolve(__dirname, '../..');

export interface BuiltService {
  name: string;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs a service from its build (dist/, `npm run build`) in its own process, as in production, on
 * the bench's database and topics. BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of each service
 * (node --cpu-prof), for finding what bounds a figure.
 */
export const startBuiltService = async (
  name: string,
  {
    port,
    databaseUrl,
    kafkaBrokers,
    topicSuffix,
    environment = {},
  }: {
    port: number;
    databaseUrl: string;
    kafkaBrokers: string;
    topicSuffix: string;
    environment?: Record<string, string>;
  },
): Promise<BuiltService> => {
  await ensureTestKeyVault();
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, join(REPO, `dist/services/${name}/src/main.js`)], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: asAppRole(databaseUrl, name),
      KEY_VAULT_URL: testKeyVaultUrl(name),
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_TOPIC_SUFFIX: topicSuffix,
      JWT_SECRET: TEST_JWT.secret,
      JWT_ISSUER: TEST_JWT.issuer,
      JWT_AUDIENCE: TEST_JWT.audience,
      LOG_LEVEL: 'warn',
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(name, url, child);
  return {
    name,
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
};

const waitUntilReady = async (name: string, url: string, child: ChildProcess) => {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${name} did not become ready`);
};

/** p-th percentile (nearest rank) of milliseconds, to a tenth. */
export const percentile = (sorted: number[], p: number): number =>
  Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
