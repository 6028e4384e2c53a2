// Integration and e2e tests wait on real servers: generous per-test limit, conditions polled inside.
jest.setTimeout(120_000);
