/**
 * Test files `npm test` runs one at a time, after the rest have run two at a time. On two shared cores
 * these either load the machine enough to break a neighbour's deadlines, or hold deadlines of their own
 * that a neighbour's load breaks (scripts/test.sh). Each says why; the rest run in any company.
 */
module.exports = [
  // Kills analytics half-way through rebuilding a generated year and waits for the restart to catch up.
  'services/analytics/src/generated-history.e2e.spec.ts',
  // Every write route of every service, thousands of hostile bodies: saturates a core for a minute.
  'services/write-fuzz.e2e.spec.ts',
  // 10,000 events through consumers whose handlers are slowed on purpose, checked for stalls by the clock.
  'libs/messaging/src/kafka-event.server.no-stalls.int.spec.ts',
  // Every route of every service under every role: six services started at once.
  'tools/role-matrix/role-matrix.e2e.spec.ts',
  // A real Prometheus scraping five services every 2 s, judged on what it saw.
  'services/observability/prometheus.e2e.spec.ts',
];
