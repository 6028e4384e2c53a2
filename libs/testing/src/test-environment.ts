/** The addresses global set-up published for test files. */
export const testEnvironment = () => {
  const kafkaBrokers = process.env.CSC_TEST_KAFKA_BROKERS;
  const postgresAdminUrl = process.env.CSC_TEST_POSTGRES_ADMIN_URL;
  if (!kafkaBrokers || !postgresAdminUrl) throw new Error('test infrastructure not started: run through jest --selectProjects int or e2e');
  return { kafkaBrokers, postgresAdminUrl };
};
