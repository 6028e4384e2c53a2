import { averageRate, observe, progressLine, type RebuildWatch } from './replay-progress';

const watching: RebuildWatch = {
  projection: 'referrals',
  version: 3,
  startedAt: 1_000,
  finishedAt: null,
  position: 0,
  lag: 0,
  eventsPerSecond: 0,
  etaSeconds: null,
};
const status = (state: 'CURRENT' | 'BUILDING', position: number, lag: number) => ({
  projection: 'referrals',
  version: 3,
  state,
  position,
  lag,
  eventsPerSecond: 98_300,
  etaSeconds: lag === 0 ? 0 : 6,
});

describe('replay progress', () => {
  it('follows a rebuild while it builds and marks it finished when its version becomes current', () => {
    const building = observe([watching], [status('BUILDING', 412_000, 588_000)], 5_000);
    expect(building[0]).toMatchObject({ position: 412_000, lag: 588_000, finishedAt: null });
    expect(progressLine(building[0], 5_000)).toBe(
      'referrals v3 [=========>              ]  41% 412,000/1,000,000 events  98,300 ev/s  ETA 6s',
    );

    const current = observe(building, [status('CURRENT', 1_000_000, 0)], 11_000);
    expect(current[0].finishedAt).toBe(11_000);
    expect(averageRate(current[0])).toBe(100_000);
    expect(progressLine(current[0], 12_000)).toBe(
      'referrals v3 [========================] 100% 1,000,000/1,000,000 events  done in 10.0s, 100,000 ev/s',
    );
  });

  it('ignores other projections and versions, and keeps a finished rebuild as it finished', () => {
    const other = observe([watching], [{ ...status('CURRENT', 9, 0), version: 2 }], 2_000);
    expect(other[0]).toEqual(watching);
    const finished = { ...watching, finishedAt: 3_000, position: 10 };
    expect(observe([finished], [status('BUILDING', 20, 5)], 4_000)[0]).toBe(finished);
  });

  it('shows an unknown ETA while nothing has been applied yet', () => {
    expect(progressLine(watching, 1_000)).toContain('0% 0/0 events  0 ev/s  ETA ?');
  });
});
