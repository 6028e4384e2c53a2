import { spawn, spawnSync } from 'node:child_process';

/**
 * The ceiling for reading the log: kcat (librdkafka, C) reading the same topics from the beginning
 * to /dev/null, all topics at once as a rebuild reads them. Installs Debian's kcat when missing and
 * the bench runs as root; otherwise returns null and the report says so.
 */
export const kcatReadSeconds = async (brokers: string, topics: string[]): Promise<number | null> => {
  if (!haveKcat()) return null;
  const started = process.hrtime.bigint();
  await Promise.all(
    topics.map(
      (topic) =>
        new Promise<void>((done, fail) => {
          const child = spawn('kcat', ['-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q'], {
            stdio: ['ignore', 'ignore', 'inherit'],
          });
          child.once('error', fail);
          child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`kcat on ${topic} exited with ${code}`))));
        }),
    ),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
};

const haveKcat = (): boolean => {
  if (spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0) return true;
  if (process.getuid?.() !== 0) return false;
  console.error('bench: installing kcat (apt-get install -y kcat) for the raw-read ceiling');
  spawnSync('apt-get', ['install', '-y', '-q', 'kcat'], { stdio: 'ignore' });
  return spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
};
