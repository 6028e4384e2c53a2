import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MIB = 1024 * 1024;

/** Runs a script under the services' launcher (scripts/service-node.sh): its pid, and what it printed. */
const underLauncher = (script: string, environment: Record<string, string> = {}) =>
  new Promise<{ pid: number; printed: string; code: number | null }>((done, fail) => {
    const child = spawn('bash', [join(__dirname, '../scripts/service-node.sh'), '-e', script], {
      env: { ...process.env, SERVICE_HEAP_MIB: '', ...environment },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ pid: child.pid!, printed, code }));
  });

const PRINT_HEAP_LIMIT_AND_PID = `const v8 = require('node:v8'); console.log(JSON.stringify({ limit: v8.getHeapStatistics().heap_size_limit, pid: process.pid }))`;

describe("every service's Node runs with a heap budget (scripts/service-node.sh)", () => {
  it('gives the old generation 1 GiB unless SERVICE_HEAP_MIB says otherwise', async () => {
    const byDefault = JSON.parse((await underLauncher(PRINT_HEAP_LIMIT_AND_PID, { SERVICE_HEAP_MIB: '' })).printed);
    const raised = JSON.parse((await underLauncher(PRINT_HEAP_LIMIT_AND_PID, { SERVICE_HEAP_MIB: '2048' })).printed);
    // The limit V8 reports is the old generation's plus the young generation's (a few tens of MiB).
    expect(byDefault.limit / MIB).toBeGreaterThanOrEqual(1024);
    expect(byDefault.limit / MIB).toBeLessThan(1200);
    expect(raised.limit / MIB).toBeGreaterThanOrEqual(2048);
    expect(raised.limit / MIB).toBeLessThan(2224);
  });

  it('becomes the Node process itself, so a supervisor or a test that signals its pid reaches the service', async () => {
    const run = await underLauncher(PRINT_HEAP_LIMIT_AND_PID);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.printed).pid).toBe(run.pid);
  });

  it('passes its arguments and the exit status through', async () => {
    const run = await underLauncher('console.log(process.argv.length); process.exit(3)');
    expect(run.printed.trim()).toBe('1');
    expect(run.code).toBe(3);
  });
});
