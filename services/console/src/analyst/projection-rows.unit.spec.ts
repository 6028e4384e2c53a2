import { progressOf, projectionRowOf } from './projection-rows';

describe("a projection's row", () => {
  const building = {
    projection: 'referrals',
    version: 2,
    state: 'BUILDING' as const,
    applied: 300,
    position: 300,
    lag: 700,
    eventsPerSecond: 50,
    etaSeconds: 14,
    deadLettered: 0,
    problem: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    becameCurrentAt: null,
  };

  it('says how far a rebuild has read the log and how long it has to go', () => {
    expect(projectionRowOf(building)).toMatchObject({
      name: 'referrals v2',
      state: { text: 'Rebuilding' },
      progress: '30%',
      position: '300 read, 700 behind',
      eta: 'About 14 seconds',
      problem: 'None',
    });
  });

  it('is caught up with nothing behind, and not moving without a rate', () => {
    expect(progressOf({ position: 0, lag: 0 })).toBe('100%');
    expect(projectionRowOf({ ...building, state: 'CURRENT', lag: 0, etaSeconds: 0 }).eta).toBe('Caught up');
    expect(projectionRowOf({ ...building, etaSeconds: null }).eta).toBe('Not moving');
  });
});
