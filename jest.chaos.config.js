/**
 * The chaos test (`npm run test:chaos`): its own run, never part of `npm test`'s, because it kills
 * the tests' broker. The e2e project's settings, for *.chaos.spec.ts.
 */
const { projects } = require('./jest.config');

const e2e = projects.find(({ displayName }) => displayName === 'e2e');

module.exports = { ...e2e, displayName: 'chaos', testMatch: ['<rootDir>/chaos/*.chaos.spec.ts'] };
