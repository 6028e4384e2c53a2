import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port nothing listens on now, for a process that is told its port before it starts (a service in
 * its own process, Prometheus, the console whose redirect URL a provider must know). Between this
 * answer and that process's bind, another may take it: whoever binds later must be ready to choose again.
 */
export const freePort = (): Promise<number> =>
  new Promise<number>((found, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => found(port));
    });
  });

/** Whether something listens on the port now (it cannot be bound). */
export const portIsTaken = (port: number): Promise<boolean> =>
  new Promise<boolean>((answered) => {
    const probe = createServer();
    probe.once('error', () => answered(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => answered(false)));
  });

/**
 * The pid a pid file holds, or null while it holds none (missing, empty, half-written). Never 0 or
 * NaN: process.kill would take 0 as this whole process group, the test runner with it.
 */
export const pidIn = (pidFile: string): number | null => {
  const written = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
  return /^[1-9]\d*$/.test(written) ? Number(written) : null;
};
