/** One projection version as GET /v1/projections reports it. */
export interface ProjectionStatusRow {
  projection: string;
  version: number;
  state: 'CURRENT' | 'BUILDING';
  position: number;
  lag: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

/** A rebuild the tool started, and what it last heard of it. */
export interface RebuildWatch {
  projection: string;
  version: number;
  startedAt: number;
  finishedAt: number | null;
  position: number;
  lag: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

/** Folds a status poll into the rebuilds being watched: a version reported CURRENT has caught up and taken over. */
export const observe = (watches: RebuildWatch[], statuses: ProjectionStatusRow[], now: number): RebuildWatch[] =>
  watches.map((watch) => {
    if (watch.finishedAt !== null) return watch;
    const status = statuses.find((row) => row.projection === watch.projection && row.version === watch.version);
    if (!status) return watch;
    return {
      ...watch,
      position: status.position,
      lag: status.lag,
      eventsPerSecond: status.eventsPerSecond,
      etaSeconds: status.etaSeconds,
      finishedAt: status.state === 'CURRENT' ? now : null,
    };
  });

const WIDTH = 24;

/** `referrals v3 [=========>      ] 41% 412,000/1,000,000 events  98,300 ev/s  ETA 6s` */
export const progressLine = (watch: RebuildWatch, now: number): string => {
  const total = watch.position + watch.lag;
  const done = watch.finishedAt !== null ? 1 : total === 0 ? 0 : watch.position / total;
  const filled = Math.round(done * WIDTH);
  const bar = '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? (done >= 1 ? '=' : '>') : '') + ' '.repeat(WIDTH - filled);
  const elapsedSeconds = ((watch.finishedAt ?? now) - watch.startedAt) / 1000;
  const tail =
    watch.finishedAt !== null
      ? `done in ${elapsedSeconds.toFixed(1)}s, ${count(averageRate(watch))} ev/s`
      : `${count(watch.eventsPerSecond)} ev/s  ETA ${watch.etaSeconds === null ? '?' : `${watch.etaSeconds}s`}`;
  return `${watch.projection} v${watch.version} [${bar}] ${String(Math.floor(done * 100)).padStart(3)}% ${count(watch.position)}/${count(total)} events  ${tail}`;
};

/** Events per second over the whole rebuild, from the request to the swap. */
export const averageRate = (watch: RebuildWatch): number => {
  const seconds = ((watch.finishedAt ?? watch.startedAt) - watch.startedAt) / 1000;
  return seconds > 0 ? Math.round(watch.position / seconds) : 0;
};

const count = (value: number) => value.toLocaleString('en-GB');
