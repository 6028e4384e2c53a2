/**
 * What a commit costs when it waits for the disk (synchronous_commit on) and when it does not (off):
 * autocommitted single-row inserts on one connection, each way in turn, with the CPU of that
 * connection's backend, of every PostgreSQL process and of this Node process read from /proc. The
 * figure behind the relay's asynchronous checkpoint (docs/architecture.md, "A relay's checkpoint is
 * not waited for on disk").
 *   npm run bench:commit -- [inserts=5000] [rounds=2]
 * Writes bench/results/commit-cost.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, publishTestInfrastructure, startTestInfrastructure } from '@csc/testing';
import { measureCpu } from './support/cpu-time';

type Setting = 'on' | 'off';

const commitEach = async (client: Client, backend: number, setting: Setting, inserts: number) => {
  await client.query(`SET synchronous_commit TO ${setting}`);
  const cpu = measureCpu({ backend: [backend], postgres: { named: 'postgres' }, node: [process.pid] });
  const started = process.hrtime.bigint();
  for (let index = 0; index < inserts; index++) {
    await client.query({ name: 'commit-cost-insert', text: `INSERT INTO commits (id) VALUES ($1)`, values: [index] });
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const seconds = cpu.stop();
  const microsecondsEach = (value: number) => Math.round((value * 1e6) / inserts);
  return {
    synchronousCommit: setting,
    wallMicroseconds: microsecondsEach(wallSeconds),
    backendCpuMicroseconds: microsecondsEach(seconds.backend),
    postgresCpuMicroseconds: microsecondsEach(seconds.postgres),
    nodeCpuMicroseconds: microsecondsEach(seconds.node),
  };
};

const main = async () => {
  const inserts = Number(process.argv[2] ?? 5000);
  const rounds = Number(process.argv[3] ?? 2);
  const infrastructure = await startTestInfrastructure();
  publishTestInfrastructure(infrastructure);
  const database = await createTestDatabase('bench_commit_cost', []);
  const client = new Client({ connectionString: database.url });
  try {
    await client.connect();
    await client.query(`CREATE TABLE commits (id int, at timestamptz DEFAULT now())`);
    const [{ pid }] = (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows;
    // Warm: the statement prepared, the table's first pages written.
    await commitEach(client, pid, 'on', 500);
    const runs = [];
    for (let round = 1; round <= rounds; round++) {
      for (const setting of ['on', 'off'] as const) runs.push({ round, inserts, ...(await commitEach(client, pid, setting, inserts)) });
    }
    console.table(runs);
    const result = {
      scenario: 'autocommitted single-row inserts on one connection, synchronous_commit on and off in turn (µs per commit)',
      runs,
      machine: `${process.platform} ${process.arch}, node ${process.version}`,
      measuredAt: new Date().toISOString(),
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'commit-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await client.end().catch(() => undefined);
    await database.drop();
    await infrastructure.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
