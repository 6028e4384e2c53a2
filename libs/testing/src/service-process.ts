import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, pidIn, portIsTaken } from './local-processes';
import { ensureTestKeyVault } from './test-key-vault';
import { testPrincipalEnvironment } from './test-kafka-principals';
import { testServiceEnvironment } from './test-service-environment';

const REPO = resolve(__dirname, '../../..');

export interface ServiceProcess {
  name: string;
  url: string;
  process: ChildProcess;
  /** SIGTERM and wait: the service shuts down as it would in production. */
  stop(): Promise<void>;
  /** SIGKILL and wait: the process dies wherever it is, nothing flushed, nothing closed (supervised: the service, which comes back). */
  kill(): Promise<void>;
}

/**
 * Runs a service in its own process, as production does, on a test's database and topics: from
 * its TypeScript source (tests: no build needed) or from dist/ (benchmarks: `npm run build` first).
 * Unlike a service started in the test's own process, this one can be killed outright.
 * NODE_OPTIONS=--cpu-prof... or BENCH_CPU_PROFILE=<dir> profiles it.
 */
export interface ServiceProcessOptions {
  from: 'source' | 'build';
  databaseUrl: string;
  topicSuffix: string;
  /** A free one, chosen here, unless given. */
  port?: number;
  /** The test infrastructure's broker unless given (benchmarks run outside jest). */
  kafkaBrokers?: string;
  environment?: Record<string, string>;
  /** Returns once /health/ready answers 200; false: once /health does (listening, whatever Kafka is doing). */
  untilReady?: boolean;
  /**
   * Under scripts/supervise.sh, as `npm start` runs it: `process` is the supervisor, `kill()` kills the
   * service itself (and the supervisor starts it again on the same port), `stop()` stops both.
   */
  supervised?: boolean;
  /** Where its log and errors go (appended, across restarts); otherwise errors to the test's stderr, the log nowhere. */
  logFile?: string;
}

export const startServiceProcess = async (name: string, { port, ...options }: ServiceProcessOptions): Promise<ServiceProcess> => {
  await ensureTestKeyVault();
  if (port !== undefined) return launch(name, port, options);
  // A port chosen here may be taken by another process (another test file's) before the service binds it:
  // the service then exits at start, and is started again on another port.
  for (let attempt = 1; ; attempt += 1) {
    const chosen = await freePort();
    try {
      return await launch(name, chosen, options);
    } catch (error) {
      if (attempt === 3 || !(error instanceof ExitedBeforeReady) || !(await portIsTaken(chosen))) throw error;
    }
  }
};

class ExitedBeforeReady extends Error {}

const launch = async (
  name: string,
  listenOn: number,
  {
    from,
    databaseUrl,
    topicSuffix,
    kafkaBrokers,
    environment = {},
    untilReady = true,
    supervised = false,
    logFile,
  }: Omit<ServiceProcessOptions, 'port'>,
): Promise<ServiceProcess> => {
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE] : [];
  const entry =
    from === 'build'
      ? [join(REPO, `dist/services/${name}/src/main.js`)]
      : ['-r', '@swc-node/register', join(REPO, `services/${name}/src/main.ts`)];
  // Through the same launcher as `npm start` and the image, so its heap budget is the one measured.
  const command = ['bash', join(REPO, 'scripts/service-node.sh'), name, ...profile, ...entry];
  const servicePidFile = supervised ? join(mkdtempSync(join(tmpdir(), `${name}-`)), 'service.pid') : null;
  const [program, ...args] = servicePidFile ? ['bash', join(REPO, 'scripts/supervise.sh'), name, servicePidFile, ...command] : command;
  const child = spawn(program, args, {
    cwd: REPO,
    env: {
      ...process.env,
      ...(await testServiceEnvironment(name, { databaseUrl, topicSuffix, kafkaBrokers })),
      PORT: String(listenOn),
      // On the secured broker: the service's own principal (in its environment, never its argv).
      ...testPrincipalEnvironment(name),
      ...environment,
    },
    stdio: logFile ? ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] : ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${listenOn}`;
  const exited = new Promise((done) => child.once('exit', done));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  const killService = async () => {
    if (!servicePidFile) return end('SIGKILL');
    const pid = pidIn(servicePidFile);
    if (pid === null) throw new Error(`${name}: its supervisor's pid file holds no pid`);
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((done) => setTimeout(done, 10));
  };
  await waitUntil(untilReady ? '/health/ready' : '/health', name, url, child);
  return { name, url, process: child, stop: () => end('SIGTERM'), kill: killService };
};

const waitUntil = async (path: '/health' | '/health/ready', name: string, url: string, child: ChildProcess) => {
  for (let attempt = 0; attempt < 2400; attempt += 1) {
    if (child.exitCode !== null) throw new ExitedBeforeReady(`${name} exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${url}${path}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready`);
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
