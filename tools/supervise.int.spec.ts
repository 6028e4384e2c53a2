import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, pidIn } from '@csc/testing';

/** npm start's supervisor (scripts/supervise.sh), with a stand-in process: what a service's restarts look like. */
const supervise = (command: string, environment: Record<string, string> = {}) => {
  const childPidFile = join(mkdtempSync(join(tmpdir(), 'supervise-')), 'child.pid');
  const supervisor = spawn('bash', [join(__dirname, '../scripts/supervise.sh'), 'stand-in', childPidFile, 'bash', '-c', command], {
    env: { ...process.env, SUPERVISE_STABLE_SECONDS: '2', SUPERVISE_MAX_FAST_EXITS: '3', ...environment },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  supervisor.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => supervisor.once('exit', (code) => done(code)));
  const childPid = () => pidIn(childPidFile);
  return { supervisor, exited, childPid, childPidFile, output: () => output };
};

describe('npm start supervises each process (scripts/supervise.sh)', () => {
  it('starts a process that was killed again, and stops it gracefully when asked', async () => {
    // It says when its trap is set: a TERM that came before would end it by default, not gracefully.
    const run = supervise('trap "echo stopped gracefully; exit 0" TERM; echo trap set; while :; do sleep 0.1; done');
    await eventually(() => expect(run.childPid()).not.toBeNull());
    const first = run.childPid()!;
    // Killed once it is running, not before its shell has started (as can happen on a busy machine): each run says so once.
    await eventually(() => expect(run.output().match(/trap set/g)).toHaveLength(1));
    process.kill(first, 'SIGKILL');
    await eventually(() => expect(run.childPid()).not.toEqual(first), { timeoutMs: 10_000 });
    await eventually(() => expect(run.childPid()).not.toBeNull());
    const second = run.childPid()!;
    await eventually(() => expect(run.output().match(/trap set/g)).toHaveLength(2));
    run.supervisor.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/stand-in exited \(status 137\) after \d+s; restarting in 1s/);
    expect(run.output()).toContain('stopped gracefully');
    expect(() => process.kill(second, 0)).toThrow(); // the process is gone with its supervisor
    expect(existsSync(run.childPidFile)).toBe(false);
  });

  it('gives up, saying so, on a process that keeps exiting as soon as it starts', async () => {
    const run = supervise('echo "invalid environment"; exit 1');
    expect(await run.exited).toBe(1);
    expect(run.output().match(/invalid environment/g)).toHaveLength(3);
    expect(run.output()).toMatch(
      /restarting in 1s[\s\S]*restarting in 2s[\s\S]*exited \(status 1\) 3 times in a row within 2s of starting: giving up/,
    );
  });
});
