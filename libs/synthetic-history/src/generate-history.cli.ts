import type { EventEnvelope } from '@csc/contracts';
import { kafkaConnectionFromEnvironment } from '@csc/messaging';
import { generateHistory, type HistoryOptions } from './generate-history';
import { HistoryTally } from './history-summary';
import { publishHistory } from './publish-history';
import { generateTeamAroundTheSchoolCohort } from './team-around-the-school';

const USAGE = `Generates a local authority's synthetic history of domain events; with --brokers, publishes it to Kafka.
  node -r @swc-node/register libs/synthetic-history/src/generate-history.cli.ts
    --seed 7 (default 1)  --years 1 | --events 1000000  [--start-on 2024-04-01] [--referrals-per-year 6000] [--schools 60]
    [--brokers 127.0.0.1:19092] [--topic-suffix .bench-1] [--team-around-the-school] [--no-summary]
--events N alone spreads the events over about twelve years from 2010-04-01 (a bigger authority as N
grows): Kafka refuses timestamps in the future. Progress goes to stderr, the summary (JSON) to stdout.`;

const parse = (argv: string[]): Map<string, string> => {
  const args = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index];
    if (!name.startsWith('--')) throw new Error(`unexpected argument ${name}`);
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) args.set(name.slice(2), 'true');
    else {
      args.set(name.slice(2), value);
      index += 1;
    }
  }
  return args;
};

const numberArg = (args: Map<string, string>, name: string): number | undefined => {
  const value = args.get(name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number`);
  return number;
};

const historyOptions = (args: Map<string, string>): HistoryOptions => {
  const seedArg = args.get('seed') ?? '1';
  const seed = /^\d+$/.test(seedArg) ? Number(seedArg) : seedArg;
  const targetEvents = numberArg(args, 'events');
  const years = numberArg(args, 'years') ?? (targetEvents === undefined ? 1 : undefined);
  return {
    seed,
    startOn: args.get('start-on'),
    years,
    targetEvents,
    referralsPerYear: numberArg(args, 'referrals-per-year'),
    schools: numberArg(args, 'schools'),
  };
};

/** Counts as events go by and redraws one progress line on stderr a few times a second. */
function* withProgress(events: Iterable<EventEnvelope>, tally: HistoryTally | null, state: { count: number; started: number }) {
  let lastDrawn = 0;
  for (const event of events) {
    tally?.add(event);
    state.count += 1;
    if ((state.count & 1023) === 0 && Date.now() - lastDrawn > 250) {
      lastDrawn = Date.now();
      process.stderr.write(`\r${progressLine(state)}   `);
    }
    yield event;
  }
}

const progressLine = ({ count, started }: { count: number; started: number }) => {
  const seconds = (Date.now() - started) / 1000;
  return `${count.toLocaleString('en-GB')} events, ${Math.round(count / Math.max(seconds, 0.001)).toLocaleString('en-GB')} events/s, ${seconds.toFixed(1)} s`;
};

const main = async () => {
  const args = parse(process.argv.slice(2));
  if (args.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const seedArg = args.get('seed') ?? '1';
  const options = historyOptions(args);
  const source = args.has('team-around-the-school')
    ? generateTeamAroundTheSchoolCohort({ seed: options.seed, startOn: args.get('start-on'), schools: options.schools })
    : generateHistory(options);
  const tally = args.has('no-summary') ? null : new HistoryTally();
  const state = { count: 0, started: Date.now() };
  const events = withProgress(source, tally, state);
  const brokers = args.get('brokers');
  let byTopic: Record<string, number> | undefined;
  if (brokers) {
    const connection = kafkaConnectionFromEnvironment();
    byTopic = (await publishHistory(events, { brokers, connection, topicSuffix: args.get('topic-suffix') })).byTopic;
  } else {
    for (const _event of events) {
      // counted by withProgress
    }
  }
  process.stderr.write(`\r${progressLine(state)}${brokers ? ' (published)' : ''}\n`);
  const seconds = (Date.now() - state.started) / 1000;
  const summary = {
    seed: seedArg,
    options: { ...options, seed: undefined },
    events: state.count,
    seconds,
    eventsPerSecond: Math.round(state.count / seconds),
    ...(byTopic ? { publishedByTopic: byTopic } : {}),
    ...(tally ? { summary: tally.summary() } : {}),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
};

main().catch((error: unknown) => {
  // Kafka and argument errors name the problem; events are never echoed (their subjects are sealed anyway).
  process.stderr.write(`\ngenerate-history: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
