import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  kafkaConnectionOf,
  kafkaConnectionSettingsOf,
  librdkafkaPropertiesFileOf,
  librdkafkaPropertiesOf,
  READER_PRINCIPAL,
  type KafkaConnectionSettings,
} from '@csc/messaging';
import { testKafkaRunDir } from '@csc/testing';

const REPO_ROOT = join(__dirname, '../..');

/**
 * The ceiling for reading the log: kcat (librdkafka, C) reading the same topics from the beginning
 * to /dev/null, all topics at once as a rebuild reads them. Installs Debian's kcat when missing and
 * the bench runs as root; otherwise returns null and the report says so. On the secured broker it
 * reads as the analytics-reader principal, the outside reader this ceiling stands for, with its client
 * certificate on the readers' mutual-TLS listener (kafka.sh certify), so it pays for TLS as the
 * rebuild does; otherwise it reaches the broker as the bench's own clients do (KAFKA_* settings).
 */
export const kcatReadSeconds = async (brokers: string, topics: string[]): Promise<number | null> => {
  if (!haveKcat()) return null;
  const runDir = testKafkaRunDir();
  if (runDir) return timedRead(['-F', librdkafkaPropertiesFileOf(runDir, READER_PRINCIPAL)], topics);
  const settings = kafkaConnectionSettingsOf(process.env);
  if (!kcatSignsInWith(settings)) return null;
  const { file, remove } = kcatConfigFile(settings);
  try {
    return await timedRead(['-F', file, '-b', brokers], topics);
  } finally {
    remove();
  }
};

const timedRead = async (connection: string[], topics: string[]): Promise<number> => {
  const started = process.hrtime.bigint();
  await Promise.all(
    topics.map(
      (topic) =>
        new Promise<void>((done, fail) => {
          const child = spawn('kcat', [...connection, '-C', '-t', topic, '-o', 'beginning', '-e', '-q'], {
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          child.once('error', fail);
          child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`kcat on ${topic} exited with ${code}`))));
        }),
    ),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
};

/** librdkafka's properties in a file only this user can read: the SASL password never goes on kcat's command line. */
const kcatConfigFile = (settings: KafkaConnectionSettings): { file: string; remove: () => void } => {
  kafkaConnectionOf(settings, { production: process.env.NODE_ENV === 'production' }); // refuses invalid settings, naming them, before kcat would guess at them
  const directory = mkdtempSync(join(tmpdir(), 'bench-kcat-'));
  const file = join(directory, 'kcat.conf');
  const properties = librdkafkaPropertiesOf(kafkaConnectionSettingsOf(settings));
  writeFileSync(
    file,
    Object.entries(properties)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
    { mode: 0o600 },
  );
  return { file, remove: () => rmSync(directory, { recursive: true, force: true }) };
};

const haveKcat = (): boolean =>
  spawnSync('bash', [join(REPO_ROOT, 'infra/tools/ensure-debian-tool.sh'), 'kcat', 'kcat', "the bench's raw-read ceiling"], {
    stdio: ['ignore', 2, 2],
  }).status === 0;

/**
 * librdkafka before 2.6.1 fails SCRAM against Kafka 4 brokers ("invalid credentials" with the right
 * password: edenhill/kcat#462); Debian's kcat ships 2.0.2. Then the ceiling is left out, saying why,
 * rather than reported as an authentication failure of the bench.
 */
const kcatSignsInWith = (settings: KafkaConnectionSettings): boolean => {
  if (!settings.KAFKA_SECURITY_PROTOCOL?.startsWith('SASL')) return true;
  const version = /librdkafka (\d+)\.(\d+)\.(\d+)/.exec(spawnSync('kcat', ['-V'], { encoding: 'utf8' }).stdout ?? '');
  const [major, minor, patch] = (version?.slice(1) ?? ['0', '0', '0']).map(Number);
  if (major * 1_000_000 + minor * 1000 + patch >= 2_006_001) return true;
  console.error(
    `bench: no raw-read ceiling: kcat's librdkafka ${version?.slice(1).join('.') ?? '(unknown)'} cannot sign in with SCRAM to Kafka 4 (2.6.1+ can)`,
  );
  return false;
};
