/**
 * What reading the log costs a rebuild, apart from the broker and the database, beside its ceiling: in
 * one process, over the replay bench's generated history (seed 1), as the records a fetch hands over,
 *   - the bare read: kafkajs decoding each topic's record batches once, what the bare kafkajs consumer
 *     does (the replay target is 80% of its rate);
 *   - the rebuild's read: what analytics' projection runners do with the same batches before their SQL.
 *     Each projection decodes its own topics (its own consumer group: the case-progression topic is read
 *     twice), passes over the types it does not read by their header, and reads the rest as projections
 *     read them (eventAsProjectionsRead: the envelope and data parsed and checked, the topic checked).
 * The rounds alternate, so the machine's drift (a fifth between minutes on this shared machine) falls on
 * all alike; CPU is the process's own (user and system), garbage collection included. What it gives is
 * what a rebuild's reading costs beyond a bare consumer's, the network apart: decoding once per
 * projection, and reading the events. With the bare consumer's whole CPU a record from `npm run bench`
 * (its fetches, TLS and decoding), that bounds the rebuild's rate before any SQL (docs/architecture.md,
 * "What two cores allow").
 *   npm run bench:read -- [events=200000] [rounds=9]
 * (with analytics' young generation, 64 MiB semi-spaces: scripts/service-node.sh).
 * Writes bench/results/read-cost.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { passesOverByTypeHeader, topicOf, type EventEnvelope, type EventType } from '@csc/contracts';
import { eventAsProjectionsRead } from '@csc/projections';
import { generateHistory, toKafkaMessage } from '@csc/synthetic-history';
import { ANALYTICS_PROJECTIONS } from '../services/analytics/src/projections/analytics-projections';

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's record batch codec is internal: what its consumer runs on every fetch */
type Encoded = { buffer: Buffer };
type DecodedBatch = { records: { value: Buffer | null; headers: Record<string, Buffer | Buffer[]> }[] };
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (batch: { firstOffset: string; firstTimestamp: number; maxTimestamp: number; records: Encoded[] }) => Promise<Encoded>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer;
  value: Buffer;
  headers: Record<string, string>;
}) => Encoded;
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: unknown) => Promise<DecodedBatch>;
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;
/* eslint-enable @typescript-eslint/no-require-imports */

/** A record batch as the broker keeps one and a fetch returns it: up to 1 MiB of a partition's records. */
const BATCH_BYTES = 1024 * 1024;

/** Each topic's events as record batches of at most BATCH_BYTES, encoded as the relay's producer encodes them. */
const recordBatchesOf = async (events: Iterable<EventEnvelope>): Promise<Map<string, Buffer[]>> => {
  const pending = new Map<string, { records: Encoded[]; bytes: number; firstTimestamp: number }>();
  const batches = new Map<string, Buffer[]>();
  const close = async (topic: string) => {
    const open = pending.get(topic);
    if (!open || open.records.length === 0) return;
    const encoded = await RecordBatch({
      firstOffset: '0',
      firstTimestamp: open.firstTimestamp,
      maxTimestamp: open.firstTimestamp,
      records: open.records,
    });
    const topicBatches = batches.get(topic) ?? [];
    topicBatches.push(encoded.buffer);
    batches.set(topic, topicBatches);
    pending.delete(topic);
  };
  for (const event of events) {
    const topic = topicOf(event.type as EventType);
    const message = toKafkaMessage(event);
    const value = Buffer.from(message.value as string);
    const timestamp = Number(message.timestamp);
    const open = pending.get(topic) ?? { records: [], bytes: 0, firstTimestamp: timestamp };
    pending.set(topic, open);
    open.records.push(
      Record({
        offsetDelta: open.records.length,
        timestampDelta: Math.max(0, timestamp - open.firstTimestamp),
        key: Buffer.from(String(message.key)),
        value,
        headers: message.headers as Record<string, string>,
      }),
    );
    open.bytes += value.length + 200;
    if (open.bytes >= BATCH_BYTES) await close(topic);
  }
  for (const topic of [...pending.keys()]) await close(topic);
  return batches;
};

const decode = (batch: Buffer) => decodeRecordBatch(new Decoder(batch));

/** The bare read: every topic's batches decoded once. Returns the records decoded. */
const bareRead = async (batches: Map<string, Buffer[]>): Promise<number> => {
  let records = 0;
  for (const topicBatches of batches.values()) for (const batch of topicBatches) records += (await decode(batch)).records.length;
  return records;
};

/**
 * The rebuild's read: each projection decodes its topics and, unless `decodeOnly`, reads the events it
 * takes. Returns the events read (decodeOnly: the records decoded).
 */
const rebuildRead = async (batches: Map<string, Buffer[]>, decodeOnly = false): Promise<number> => {
  let count = 0;
  for (const projection of ANALYTICS_PROJECTIONS) {
    const types = new Set(projection.eventTypes);
    const takes = (type: string) => types.has(type);
    for (const topic of projection.topics) {
      for (const batch of batches.get(topic) ?? []) {
        const { records } = await decode(batch);
        if (decodeOnly) {
          count += records.length;
          continue;
        }
        for (const record of records) {
          if (!record.value || passesOverByTypeHeader(record.headers, takes)) continue;
          eventAsProjectionsRead(record.value, topic, ''); // throws on an event it cannot read: the history has none
          count += 1;
        }
      }
    }
  }
  return count;
};

/** The CPU (user and system) of one round, in ms, and what it counted. */
const timed = async (round: () => Promise<number>) => {
  const cpu = process.cpuUsage();
  const count = await round();
  const used = process.cpuUsage(cpu);
  return { count, cpuMs: (used.user + used.system) / 1000 };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round2 = (value: number) => Number(value.toFixed(2));

const main = async () => {
  const events = Number(process.argv[2] ?? 200_000);
  const rounds = Number(process.argv[3] ?? 9);
  if (!Number.isSafeInteger(events) || events < 1000 || !Number.isSafeInteger(rounds) || rounds < 1) {
    throw new Error('usage: npm run bench:read -- [events, at least 1000] [rounds, at least 1]');
  }
  process.stdout.write(`bench: generating ${events.toLocaleString('en-GB')} events (seed 1) and encoding them as record batches\n`);
  const batches = await recordBatchesOf(generateHistory({ seed: 1, targetEvents: events }));
  const logEvents = await bareRead(batches);
  // One round of each first: what the JIT compiles, and the heap's growth, left out of the timed ones.
  await rebuildRead(batches);
  const bare: number[] = [];
  const decodedByProjections: number[] = [];
  const rebuild: number[] = [];
  let projectionRecords = 0;
  let projectionEvents = 0;
  for (let index = 0; index < rounds; index += 1) {
    bare.push((await timed(() => bareRead(batches))).cpuMs);
    const decoded = await timed(() => rebuildRead(batches, true));
    projectionRecords = decoded.count;
    decodedByProjections.push(decoded.cpuMs);
    const rebuilt = await timed(() => rebuildRead(batches));
    projectionEvents = rebuilt.count;
    rebuild.push(rebuilt.cpuMs);
  }
  const perThousand = (ms: number) => round2((ms / logEvents) * 1000);
  const spread = (values: number[]) => ({
    median: perThousand(median(values)),
    min: perThousand(Math.min(...values)),
    max: perThousand(Math.max(...values)),
  });
  const result = {
    measuredAt: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, node ${process.version}, one process (no broker, no database)`,
    logEvents,
    recordsDecodedByProjections: projectionRecords,
    eventsReadByProjections: projectionEvents,
    rounds,
    cpuMsPerThousandLogEvents: {
      bareRead: spread(bare),
      decodedByEachProjection: spread(decodedByProjections),
      rebuildRead: spread(rebuild),
    },
    // Beyond decoding, per 1,000 log events: what reading the events adds, and what decoding once per projection adds.
    readingAddsMs: perThousand(median(rebuild) - median(decodedByProjections)),
    decodingPerProjectionAddsMs: perThousand(median(decodedByProjections) - median(bare)),
    readingMicrosecondsPerEventRead: round2(((median(rebuild) - median(decodedByProjections)) / projectionEvents) * 1000),
  };
  const costs = result.cpuMsPerThousandLogEvents;
  const line = (label: string, { median: middle, min, max }: { median: number; min: number; max: number }) =>
    `  ${label.padEnd(44)} ${middle} ms (${min}-${max})`;
  process.stdout.write(
    [
      `${logEvents.toLocaleString('en-GB')} log events; analytics' projections decode ${projectionRecords.toLocaleString('en-GB')} records and read ${projectionEvents.toLocaleString('en-GB')} events.`,
      `CPU per 1,000 log events (median of ${rounds} rounds, range):`,
      line('the bare read (each topic decoded once)', costs.bareRead),
      line('each projection decoding its topics', costs.decodedByEachProjection),
      line("the rebuild's read (and reading its events)", costs.rebuildRead),
      `Beyond the bare read: decoding once per projection adds ${result.decodingPerProjectionAddsMs} ms, reading the events ${result.readingAddsMs} ms (${result.readingMicrosecondsPerEventRead} µs an event read).`,
      '',
    ].join('\n'),
  );
  const directory = join(__dirname, 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'read-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
