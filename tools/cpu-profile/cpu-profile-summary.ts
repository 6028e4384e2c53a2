/**
 * Where a service's CPU went, from the V8 CPU profile `BENCH_CPU_PROFILE=<dir> npm run bench` writes of
 * each service (`npm run bench:profile -- <file>.cpuprofile`). A profile samples the thread every
 * millisecond or so; each sample holds the stack it found, leaf first once read here. The summary
 * charges each sample's time to the code running at its leaf, grouped by package, and leaves out what
 * is not the measured work:
 * - idle samples (the thread was waiting in the event loop);
 * - start-up (any stack loading a module), which the bench's CPU figures leave out too;
 * - socket writes (the leaf is pg's, kafkajs's or the HTTP response's `writev`/`writeBuffer`), shown
 *   apart: on two shared cores the thread is often taken off the core inside the write, as the server it
 *   wakes runs, so their samples hold time off the CPU, not only the write's own cost. /proc's figures
 *   (the bench's CPU per operation) are the CPU; this says how it divides.
 */

/** A V8 CPU profile as `--cpu-prof` writes it (the fields read here). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  /** Microseconds since the previous sample; each is charged to its own sample. */
  timeDeltas: number[];
}

export interface CpuShare {
  name: string;
  milliseconds: number;
  /** Of the measured work: idle, start-up and socket writes apart. */
  percent: number;
}

export interface CpuProfileSummary {
  /** Samples of the measured work, in milliseconds. */
  workMilliseconds: number;
  socketWriteMilliseconds: number;
  startUpMilliseconds: number;
  idleMilliseconds: number;
  byPackage: CpuShare[];
  byFunction: CpuShare[];
}

const SOCKET_WRITES = new Set(['writev', 'writeBuffer']);
const MODULE_LOADING = 'Module._load';

type Frame = CpuProfile['nodes'][number]['callFrame'];

/**
 * The package a frame's code belongs to: a node_modules package (scoped ones by scope and name), the
 * project's own library or service (`libs/event-store`), a Node.js module (`node:net`), or, for V8's
 * own entries, their name in parentheses (`(garbage collector)`).
 */
export const packageOf = ({ functionName, url }: Frame): string => {
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + 'node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const own = /\/((?:libs|services|tools|bench)\/[^/]+)\//.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:')) return url;
  if (url === '') return functionName.startsWith('(') ? functionName : `(native ${functionName || 'code'})`;
  return url;
};

const functionOf = (frame: Frame): string => {
  const where = frame.url === '' ? '' : ` ${packageOf(frame)}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${where}`;
};

/** The summary of one profile, its largest `top` packages and functions. */
export const summariseCpuProfile = (profile: CpuProfile, top = 25): CpuProfileSummary => {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const timeAt = new Map<number, number>();
  profile.samples.forEach((id, index) => timeAt.set(id, (timeAt.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  let work = 0;
  let socketWrites = 0;
  let startUp = 0;
  let idle = 0;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, microseconds] of timeAt) {
    const leaf = nodes.get(id)!.callFrame;
    if (leaf.functionName === '(idle)') {
      idle += microseconds;
      continue;
    }
    if (loadsAModule(id, nodes, parents)) {
      startUp += microseconds;
      continue;
    }
    if (leaf.url === '' && SOCKET_WRITES.has(leaf.functionName)) {
      socketWrites += microseconds;
      continue;
    }
    work += microseconds;
    add(byPackage, packageOf(leaf), microseconds);
    add(byFunction, functionOf(leaf), microseconds);
  }
  const sharesOf = (totals: Map<string, number>): CpuShare[] =>
    [...totals]
      .sort(([, a], [, b]) => b - a)
      .slice(0, top)
      .map(([name, microseconds]) => ({
        name,
        milliseconds: Math.round(microseconds / 100) / 10,
        percent: work === 0 ? 0 : Math.round((1000 * microseconds) / work) / 10,
      }));
  return {
    workMilliseconds: Math.round(work / 1000),
    socketWriteMilliseconds: Math.round(socketWrites / 1000),
    startUpMilliseconds: Math.round(startUp / 1000),
    idleMilliseconds: Math.round(idle / 1000),
    byPackage: sharesOf(byPackage),
    byFunction: sharesOf(byFunction),
  };
};

const loadsAModule = (id: number, nodes: Map<number, CpuProfile['nodes'][number]>, parents: Map<number, number>): boolean => {
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    if (nodes.get(at)!.callFrame.functionName === MODULE_LOADING) return true;
  }
  return false;
};

const add = (totals: Map<string, number>, name: string, microseconds: number) => totals.set(name, (totals.get(name) ?? 0) + microseconds);
