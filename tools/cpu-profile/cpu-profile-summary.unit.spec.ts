import { packageOf, summariseCpuProfile, type CpuProfile } from './cpu-profile-summary';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

/**
 * root ─┬ (idle)
 *       ├ Module._load ─ compile                (start-up)
 *       └ handle (express) ─┬ parse (class-validator)
 *                           ├ query (pg) ─ writev  (a socket write)
 *                           └ append (libs/event-store)
 *  and (garbage collector) under root.
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 5, 10] },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('Module._load', 'node:internal/modules/cjs/loader', 1001), children: [4] },
    { id: 4, callFrame: frame('compile', 'file:///app/node_modules/@nestjs/core/index.js') },
    { id: 5, callFrame: frame('handle', 'file:///app/node_modules/express/lib/router.js', 10), children: [6, 7, 9] },
    { id: 6, callFrame: frame('parse', 'file:///app/node_modules/class-validator/cjs/index.js', 4) },
    { id: 7, callFrame: frame('query', 'file:///app/node_modules/pg/lib/client.js', 666), children: [8] },
    { id: 8, callFrame: frame('writev') },
    { id: 9, callFrame: frame('append', 'file:///app/dist/libs/event-store/src/event-store.js', 133) },
    { id: 10, callFrame: frame('(garbage collector)') },
  ],
  samples: [2, 2, 4, 6, 6, 6, 8, 9, 9, 5, 10],
  timeDeltas: [1000, 1000, 3000, 1000, 1000, 1000, 5000, 1000, 1000, 1000, 2000],
};

describe('a CPU profile summarised', () => {
  const summary = summariseCpuProfile(profile);

  it('leaves idle, start-up and socket writes out of the measured work, each counted apart', () => {
    expect(summary.idleMilliseconds).toBe(2);
    expect(summary.startUpMilliseconds).toBe(3);
    expect(summary.socketWriteMilliseconds).toBe(5);
    // parse 3, append 2, handle 1, garbage collector 2
    expect(summary.workMilliseconds).toBe(8);
  });

  it('charges each sample to the package of the code at its leaf, largest first, as a share of the work', () => {
    expect(summary.byPackage).toEqual([
      { name: 'class-validator', milliseconds: 3, percent: 37.5 },
      { name: 'libs/event-store', milliseconds: 2, percent: 25 },
      { name: '(garbage collector)', milliseconds: 2, percent: 25 },
      { name: 'express', milliseconds: 1, percent: 12.5 },
    ]);
  });

  it('names each function with its package and line (counted from 1)', () => {
    expect(summary.byFunction.map(({ name }) => name)).toEqual([
      'parse class-validator:5',
      'append libs/event-store:134',
      '(garbage collector)',
      'handle express:11',
    ]);
  });

  it('keeps only the largest when asked for fewer', () => {
    expect(summariseCpuProfile(profile, 1).byPackage.map(({ name }) => name)).toEqual(['class-validator']);
  });
});

describe('the package of a frame', () => {
  it.each([
    ['file:///app/node_modules/@nestjs/core/router/router.js', '@nestjs/core'],
    ['file:///app/node_modules/pg/node_modules/pg-types/index.js', 'pg-types'],
    ['file:///work/main/dist/services/referral-intake/src/main.js', 'services/referral-intake'],
    ['/work/main/libs/projections/src/projection-runner.ts', 'libs/projections'],
    ['node:net', 'node:net'],
  ])('%s is %s', (url, expected) => {
    expect(packageOf(frame('f', url))).toBe(expected);
  });

  it("names V8's own entries as they are, and other native code by its function", () => {
    expect(packageOf(frame('(program)'))).toBe('(program)');
    expect(packageOf(frame('randomFillSync'))).toBe('(native randomFillSync)');
  });
});
