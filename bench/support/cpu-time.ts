import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) spent by groups of processes between start() and stop(), read from
 * /proc (Linux). On a shared 2-core machine this is what bounds a rate: the CPU each operation
 * costs, process by process, says where the time goes better than wall-clock alone.
 * A group is either fixed pids (a service) or every process with a given name (PostgreSQL's backends).
 */
export const measureCpu = (groups: Record<string, number[] | { named: string }>) => {
  const pidsOf = (group: number[] | { named: string }) => (Array.isArray(group) ? group : pidsNamed(group.named));
  // Per pid, so that a backend that starts during the measure counts from zero and one that ends keeps its last value.
  const first = new Map<string, Map<number, number>>();
  const last = new Map<string, Map<number, number>>();
  const sample = (into: Map<string, Map<number, number>>) => {
    for (const [name, group] of Object.entries(groups)) {
      const seen = into.get(name) ?? new Map<number, number>();
      for (const pid of pidsOf(group)) seen.set(pid, processTicks(pid));
      into.set(name, seen);
    }
  };
  sample(first);
  const timer = setInterval(() => sample(last), 500);
  return {
    /** CPU seconds per group since start. */
    stop: (): Record<string, number> => {
      clearInterval(timer);
      sample(last);
      return Object.fromEntries(
        [...last.entries()].map(([name, seen]) => {
          const before = first.get(name)!;
          const ticks = [...seen.entries()].reduce((sum, [pid, now]) => sum + Math.max(0, now - (before.get(pid) ?? 0)), 0);
          return [name, Math.round((100 * ticks) / TICKS_PER_SECOND) / 100];
        }),
      );
    },
  };
};

const processTicks = (pid: number): number => {
  try {
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};

const pidsNamed = (name: string): number[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);

export interface CpuPerOperation {
  msPerOperation: Record<string, number>;
  coresBusy: number;
}

/**
 * CPU milliseconds per operation, by group (to the hundredth: a pgbench insert costs about 0.1 ms, and
 * the intake target is a ratio to it), and the cores in use on average over the measure.
 */
export const cpuPerOperation = (cpuSeconds: Record<string, number>, operations: number, wallSeconds: number): CpuPerOperation => ({
  msPerOperation: Object.fromEntries(
    Object.entries(cpuSeconds).map(([name, seconds]) => [name, Math.round((100_000 * seconds) / operations) / 100]),
  ),
  coresBusy: Math.round((100 * Object.values(cpuSeconds).reduce((sum, seconds) => sum + seconds, 0)) / wallSeconds) / 100,
});
