import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@csc/testing';
import { percentile } from './built-service';
import { cpuPerOperation, measureCpu, type CpuPerOperation } from './cpu-time';

export interface InsertCeiling {
  tool: string;
  clients: number;
  seconds: number;
  insertsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  cpu: CpuPerOperation;
}

/**
 * The ceiling for taking a referral: pgbench (it ships with PostgreSQL) inserting one JSON document
 * per transaction into a table of its own, from the same number of clients, on the same PostgreSQL
 * and machine. Nothing a referral does can be cheaper than a single-row insert and its commit.
 * Latencies come from pgbench's per-transaction log (-l), in microseconds.
 */
export const pgbenchInsertCeiling = async ({
  clients,
  seconds,
  document,
}: {
  clients: number;
  seconds: number;
  document: object;
}): Promise<InsertCeiling | null> => {
  const version = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return null;
  const database = await createTestDatabase('bench_pgbench', []);
  const workDirectory = mkdtempSync(join(tmpdir(), 'csc-pgbench-'));
  try {
    await database.dataSource.query(`CREATE TABLE referral_documents (id bigserial PRIMARY KEY, body jsonb NOT NULL)`);
    await database.dataSource.destroy();
    const literal = JSON.stringify(document).replaceAll("'", "''");
    const script = join(workDirectory, 'insert-referral.sql');
    writeFileSync(script, `INSERT INTO referral_documents (body) VALUES ('${literal}'::jsonb);\n`);
    const cpu = measureCpu({ postgres: { named: 'postgres' }, pgbench: { reapedBy: process.pid } });
    const output = await run('pgbench', [
      '--no-vacuum',
      `--client=${clients}`,
      `--jobs=${Math.min(clients, 2)}`,
      `--time=${seconds}`,
      `--file=${script}`,
      '--log',
      `--log-prefix=${join(workDirectory, 'transactions')}`,
      database.url,
    ]);
    const cpuSeconds = cpu.stop();
    const tps = /tps = ([\d.]+)/.exec(output);
    if (!tps) throw new Error(`pgbench printed no tps:\n${output}`);
    const latencies = transactionLatenciesMs(workDirectory).sort((a, b) => a - b);
    return {
      tool: version.stdout.trim(),
      clients,
      seconds,
      insertsPerSecond: Math.round(Number(tps[1])),
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
      cpu: cpuPerOperation(cpuSeconds, latencies.length, seconds),
    };
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
    await database.drop();
  }
};

/** The third field of each line of pgbench's transaction logs is the latency in microseconds. */
const transactionLatenciesMs = (directory: string): number[] =>
  readdirSync(directory)
    .filter((file) => file.startsWith('transactions'))
    .flatMap((file) => readFileSync(join(directory, file), 'utf8').split('\n'))
    .filter((line) => line.length > 0)
    .map((line) => Number(line.split(' ')[2]) / 1000);

const run = (command: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output}`))));
  });
