/**
 * One configuration, three levels, named by the test file (STYLE.md):
 *   *.unit.spec.ts  pure code, no I/O            npm run test:unit
 *   *.int.spec.ts   real PostgreSQL and Kafka     npm run test:int
 *   *.e2e.spec.ts   services over HTTP and Kafka  npm run test:e2e
 * `npm test` runs them all (after the type check and lint).
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    sourceMaps: 'inline',
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const libs = [
  'contracts',
  'domain',
  'event-store',
  'messaging',
  'projections',
  'privacy',
  'auth',
  'platform',
  'testing',
  'synthetic-history',
];
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(libs.map((lib) => [`^@csc/${lib}$`, `<rootDir>/libs/${lib}/src`])),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
const withRealServers = {
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/setup-after-env.ts'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{services,libs,tools,examples}/**/*.unit.spec.ts'] },
    { ...base, ...withRealServers, displayName: 'int', testMatch: ['<rootDir>/{services,libs,tools,examples}/**/*.int.spec.ts'] },
    { ...base, ...withRealServers, displayName: 'e2e', testMatch: ['<rootDir>/{services,libs,tools,examples}/**/*.e2e.spec.ts'] },
  ],
};
