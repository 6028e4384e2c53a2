import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';

/** Where the tests' real broker and PostgreSQL are. */
export interface TestInfrastructure {
  kafkaBrokers: string;
  /** The secured broker's run directory, whose principals/ the tests sign in with; absent for a plaintext broker. */
  kafkaRunDir?: string;
  /** A URL with the right to CREATE DATABASE: each test file makes databases of its own. */
  postgresAdminUrl: string;
  describe: string;
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(__dirname, '../../..');
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The secured broker infra/kafka/kafka.sh starts unless `KAFKA_SECURITY=plaintext` (the switch it
 * reads, infra/kafka/principal-env.sh), on a run directory and port apart from the plaintext
 * broker's. (Jest's global set-up loads this file without the @csc/* path mapping: no import from
 * the other libs here.)
 */
const securedKafkaBroker = (): { runDir: string; brokers: string } | undefined =>
  (process.env.KAFKA_SECURITY ?? 'sasl_ssl') === 'sasl_ssl'
    ? {
        runDir: resolve(process.env.KAFKA_RUN_DIR ?? resolve(REPO_ROOT, '.run/kafka-secure')),
        brokers: `127.0.0.1:${process.env.KAFKA_PORT ?? '19092'}`,
      }
    : undefined;

/**
 * KAFKA_BROKERS and DATABASE_URL win when set. Otherwise Testcontainers when a Docker engine
 * answers; otherwise the project's own infra/ scripts (a broker from Maven Central's jars and the
 * machine's PostgreSQL). Only what this function started is stopped.
 */
export const startTestInfrastructure = async (): Promise<TestInfrastructure> => {
  const secured = securedKafkaBroker();
  if (process.env.KAFKA_BROKERS && process.env.DATABASE_URL) {
    return {
      kafkaBrokers: process.env.KAFKA_BROKERS,
      kafkaRunDir: secured?.runDir,
      postgresAdminUrl: process.env.DATABASE_URL,
      describe: 'from environment',
      stop: async () => undefined,
    };
  }
  // The containers' broker is plaintext: it is used only with KAFKA_SECURITY=plaintext; the secured
  // broker is always the project's own kafka.sh.
  if (!secured && (await dockerEngineAnswers())) return startContainers();
  return startLocal(secured);
};

const dockerEngineAnswers = async (): Promise<boolean> => {
  if (process.env.CSC_TEST_INFRA === 'local') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), 5000);
    return true;
  } catch {
    return false;
  }
};

const startContainers = async (): Promise<TestInfrastructure> => {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const [kafka, postgres] = await Promise.all([
    // This container class drives Confluent's image; from 8.0 (Apache Kafka 4.0) it runs in KRaft mode.
    new KafkaContainer('confluentinc/cp-kafka:8.0.0').start(),
    new PostgreSqlContainer('postgres:16-alpine').start(),
  ]);
  return {
    kafkaBrokers: process.env.KAFKA_BROKERS ?? `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    postgresAdminUrl: process.env.DATABASE_URL ?? postgres.getConnectionUri(),
    describe: 'Testcontainers',
    stop: async () => {
      await Promise.all([kafka.stop(), postgres.stop()]);
    },
  };
};

/**
 * KAFKA_SECURITY reaches kafka.sh through the inherited environment: it starts (or finds) the broker
 * of that mode on its own run directory and port, never the other mode's that other work may be using.
 */
const startLocal = async (secured?: { runDir: string; brokers: string }): Promise<TestInfrastructure> => {
  const postgresAdminUrl = process.env.DATABASE_URL ?? LOCAL_POSTGRES;
  if (!(await postgresAnswers(postgresAdminUrl))) {
    execFileSync('bash', [resolve(REPO_ROOT, 'infra/postgres/ensure-running.sh')], { stdio: 'inherit' });
  }
  let startedKafka = false;
  if (!process.env.KAFKA_BROKERS && !kafkaAnswers()) {
    // Its progress goes to stderr, so that a bench's stdout holds only its report.
    execFileSync('bash', [resolve(REPO_ROOT, 'infra/kafka/kafka.sh'), 'start'], { stdio: ['ignore', 2, 2] });
    startedKafka = true;
  }
  return {
    kafkaBrokers: process.env.KAFKA_BROKERS ?? secured?.brokers ?? `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`, // the plaintext broker's
    kafkaRunDir: secured?.runDir,
    postgresAdminUrl,
    describe: `local PostgreSQL and ${startedKafka ? 'a broker started by infra/kafka/kafka.sh' : 'the broker already running'}${secured ? ' (SASL_SSL, per-principal ACLs)' : ''}`,
    stop: async () => {
      if (startedKafka) execFileSync('bash', [resolve(REPO_ROOT, 'infra/kafka/kafka.sh'), 'stop'], { stdio: ['ignore', 2, 2] });
    },
  };
};

const kafkaAnswers = (): boolean => {
  try {
    execFileSync('bash', [resolve(REPO_ROOT, 'infra/kafka/kafka.sh'), 'status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const postgresAnswers = async (url: string): Promise<boolean> => {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(resolvePromise, reject).finally(() => clearTimeout(timer));
  });

/** Where test files (jest's workers inherit the environment) and the processes they start find the infrastructure. */
export const publishTestInfrastructure = (infrastructure: TestInfrastructure): void => {
  process.env.CSC_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.CSC_TEST_POSTGRES_ADMIN_URL = infrastructure.postgresAdminUrl;
  if (infrastructure.kafkaRunDir) process.env.CSC_TEST_KAFKA_RUN_DIR = infrastructure.kafkaRunDir;
  else delete process.env.CSC_TEST_KAFKA_RUN_DIR;
};
