/**
 * One configuration, three levels, named by the test file (docs/style.md):
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

/** The few ESM-only packages the console's OpenID Connect sign-in (and its test's provider) load: compiled to CommonJS for Jest. */
const esmOnly = ['openid-client', 'oauth4webapi', 'jose', 'oidc-provider'];
const swcForEsm = [
  '@swc/jest',
  { swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } },
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
  'tracing',
];
/**
 * JEST_GROUP=together leaves out the files in jest.run-alone.js (scripts/test.sh runs them after, one at
 * a time); unset, every file is in.
 */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const runAlone =
  process.env.JEST_GROUP === 'together' ? require('./jest.run-alone.js').map((path) => `^${escapeRegExp(`${__dirname}/${path}`)}$`) : [];
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: swcForEsm },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(libs.map((lib) => [`^@csc/${lib}$`, `<rootDir>/libs/${lib}/src`])),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', ...runAlone],
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
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
