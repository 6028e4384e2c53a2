import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) spent by groups of processes between start() and stop(), read from
 * /proc (Linux). On a shared 2-core machine this is what bounds a rate: the CPU each operation
 * costs, process by process, says where the time goes better than wall-clock alone.
 * A group is fixed pids (a service), every process with a given name (PostgreSQL's backends), or the
 * children a process reaps in between (a tool it runs to the end, such as pgbench).
 */
export const measureCpu = (groups: Record<string, number[] | { named: string } | { reapedBy: number }>) => {
  const fixed = Object.entries(groups).filter((entry): entry is [string, number[]] => Array.isArray(entry[1]));
  const named = Object.entries(groups).filter((entry): entry is [string, { named: string }] => 'named' in entry[1]);
  const reaped = Object.entries(groups).filter((entry): entry is [string, { reapedBy: number }] => 'reapedBy' in entry[1]);
  const reapedAtStart = new Map(reaped.map(([name, { reapedBy }]) => [name, reapedTicks(reapedBy)]));
  // A fixed pid's last value is kept, so a service that ends before stop() still counts.
  const first = new Map(fixed.map(([name, pids]) => [name, new Map(pids.map((pid) => [pid, processTicks(pid)]))]));
  const last = new Map(fixed.map(([name]) => [name, new Map<number, number>()]));
  const sampleFixed = () => {
    for (const [name, pids] of fixed) for (const pid of pids) last.get(name)!.set(pid, processTicks(pid));
  };
  // A named group is read whole at start and stop: its live processes' own time, and the time of the
  // children they reaped. PostgreSQL's backends that start and end in between (a pgbench client's)
  // are in the postmaster's reaped time at stop, so nothing depends on having seen them alive.
  const namedAtStart = new Map(named.map(([name, { named: command }]) => [name, namedGroupTicks(command)]));
  const timer = setInterval(sampleFixed, 500);
  return {
    /** CPU seconds per group since start. */
    stop: (): Record<string, number> => {
      clearInterval(timer);
      sampleFixed();
      const seconds = (ticks: number) => Math.round((100 * ticks) / TICKS_PER_SECOND) / 100;
      const byGroup = new Map<string, number>([
        ...fixed.map(([name]): [string, number] => {
          const before = first.get(name)!;
          const ticks = [...last.get(name)!.entries()].reduce((sum, [pid, now]) => sum + Math.max(0, now - (before.get(pid) ?? 0)), 0);
          return [name, seconds(ticks)];
        }),
        ...named.map(([name, { named: command }]): [string, number] => [name, seconds(namedGroupTicks(command) - namedAtStart.get(name)!)]),
        ...reaped.map(([name, { reapedBy }]): [string, number] => [name, seconds(reapedTicks(reapedBy) - reapedAtStart.get(name)!)]),
      ]);
      // In the order the groups were given: the report lists the processes as the scenario named them.
      return Object.fromEntries(Object.keys(groups).map((name) => [name, byGroup.get(name)!]));
    },
  };
};

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat), and cutime + cstime (16, 17: the children it has waited for). */
const statTicks = (pid: number): { own: number; reaped: number } => {
  try {
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return { own: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return { own: 0, reaped: 0 };
  }
};

const processTicks = (pid: number): number => statTicks(pid).own;
const reapedTicks = (pid: number): number => statTicks(pid).reaped;

const namedGroupTicks = (command: string): number =>
  pidsNamed(command).reduce((sum, pid) => {
    const { own, reaped } = statTicks(pid);
    return sum + own + reaped;
  }, 0);

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
