import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@csc/testing';

const INSTALL = 'bash infra/tools/ensure-debian-tool.sh prometheus prometheus "the Prometheus e2e"';

export interface PrometheusUnderTest {
  url: string;
  /** An instant query through the HTTP API: the result's series, or the API's error. */
  query(expression: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Any other GET of the HTTP API (`/api/v1/rules`...): its `data`. */
  api<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A real Prometheus (Debian's package) on 127.0.0.1, its data in a temporary directory: one job per
 * service scraping `targets` every second with the bearer token read from a file, as in production
 * (infra/observability/prometheus.yml), evaluating `ruleFiles` every second. Stopped and its directory
 * removed by stop().
 */
export const startPrometheus = async ({
  targets,
  metricsToken,
  ruleFiles,
}: {
  targets: Record<string, string>;
  metricsToken: string;
  ruleFiles: string[];
}): Promise<PrometheusUnderTest> => {
  const directory = mkdtempSync(join(tmpdir(), 'csc-prometheus-'));
  const tokenFile = join(directory, 'metrics-token');
  writeFileSync(tokenFile, metricsToken, { mode: 0o600 });
  // JSON is YAML: Prometheus reads this as it reads prometheus.yml.
  const configuration = {
    // 2 s to answer: a scrape asks the broker for each consumer group's lag over a new TLS and SCRAM connection
    // (libs/platform/src/metrics/consumer-lag-gauge.ts), which takes over a second on a machine running two test files.
    global: { scrape_interval: '2s', scrape_timeout: '2s', evaluation_interval: '1s' },
    rule_files: ruleFiles,
    scrape_configs: Object.entries(targets).map(([job, target]) => ({
      job_name: job,
      authorization: { type: 'Bearer', credentials_file: tokenFile },
      static_configs: [{ targets: [target] }],
    })),
  };
  writeFileSync(join(directory, 'prometheus.yml'), JSON.stringify(configuration, null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(directory, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = `${log}${chunk.toString()}`.slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failedToStart = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`prometheus could not run (${error.message}): install it with ${INSTALL}`)));
    void exited.then(() => reject(new Error(`prometheus exited at start: ${log}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await Promise.race([untilReady(url), failedToStart]);
  } catch (error) {
    await stop();
    throw error;
  }
  failedToStart.catch(() => undefined);

  const api = async <T>(path: string): Promise<T> => {
    const body = (await (await fetch(`${url}${path}`)).json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  };
  return {
    url,
    api,
    query: async (expression) =>
      (
        await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
          `/api/v1/query?query=${encodeURIComponent(expression)}`,
        )
      ).result,
    stop,
  };
};

const untilReady = async (url: string): Promise<void> => {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((done) => setTimeout(done, 100))) {
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
  }
  throw new Error(`prometheus at ${url} was not ready within 30 s`);
};
