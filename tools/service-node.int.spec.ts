import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MIB = 1024 * 1024;

/** Runs a script under the services' launcher (scripts/service-node.sh) as `service`: its pid, what it printed, its status. */
const underLauncher = (service: string, script: string, environment: Record<string, string> = {}) =>
  new Promise<{ pid: number; printed: string; code: number | null }>((done, fail) => {
    const child = spawn('bash', [join(__dirname, '../scripts/service-node.sh'), service, '-e', script], {
      env: { ...process.env, SERVICE_HEAP_MIB: '', NODE_OPTIONS: '', ...environment },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('error', fail);
    // 'close', not 'exit': only then has everything it printed been read.
    child.once('close', (code) => done({ pid: child.pid!, printed, code }));
  });

const PRINT_HEAP_LIMIT_AND_PID = `const v8 = require('node:v8'); console.log(JSON.stringify({ limit: v8.getHeapStatistics().heap_size_limit, pid: process.pid }))`;

/** The heap limit V8 reports, in MiB: the old generation's plus the young generation's (a few tens of MiB). */
const heapLimitMiB = async (service: string, environment: Record<string, string> = {}) =>
  JSON.parse((await underLauncher(service, PRINT_HEAP_LIMIT_AND_PID, environment)).printed).limit / MIB;

describe("services' Node processes and their heap budgets (scripts/service-node.sh)", () => {
  it('gives statutory-returns a 1 GiB old generation, and the others what V8 sizes for the machine', async () => {
    const statutoryReturns = await heapLimitMiB('statutory-returns');
    expect(statutoryReturns).toBeGreaterThanOrEqual(1024);
    expect(statutoryReturns).toBeLessThan(1200);
    // With no limit, V8 sizes the heap by the machine's memory: more than the budget on any machine the project runs on.
    expect(await heapLimitMiB('analytics')).toBeGreaterThan(1200);
  });

  it('lets SERVICE_HEAP_MIB set the budget of any service', async () => {
    for (const service of ['statutory-returns', 'analytics', 'referral-intake']) {
      const limit = await heapLimitMiB(service, { SERVICE_HEAP_MIB: '1536' });
      expect(limit).toBeGreaterThanOrEqual(1536);
      // The old generation's budget and a young generation: three semi-spaces, analytics' 64 MiB each at most.
      expect(limit).toBeLessThanOrEqual(1536 + 3 * 64);
    }
  });

  it('gives analytics a young generation of 64 MiB semi-spaces, and leaves the others to V8 (16 MiB at most)', async () => {
    const budget = { SERVICE_HEAP_MIB: '1536' };
    // The heap limit is the old generation's budget and three semi-spaces.
    expect((await heapLimitMiB('analytics', budget)) - 1536).toBe(3 * 64);
    expect((await heapLimitMiB('referral-intake', budget)) - 1536).toBeLessThanOrEqual(3 * 16);
  });

  it('becomes the Node process itself, so a supervisor or a test that signals its pid reaches the service', async () => {
    const run = await underLauncher('statutory-returns', PRINT_HEAP_LIMIT_AND_PID);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.printed).pid).toBe(run.pid);
  });

  it('passes its arguments and the exit status through', async () => {
    const run = await underLauncher('analytics', 'console.log(process.argv.length); process.exit(3)');
    expect(run.printed.trim()).toBe('1');
    expect(run.code).toBe(3);
  });

  it('refuses to start without the name of the service', async () => {
    const child = spawn('bash', [join(__dirname, '../scripts/service-node.sh')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect(code).not.toBe(0);
    expect(said).toContain('usage: service-node.sh <service>');
  });
});
