/**
 * The benchmarks, each beside its ceiling in the same run (a shared 2-core machine is too noisy for
 * absolute figures alone). Starts what it needs (the broker, if none answers; each service from its
 * build), runs the scenarios, prints a table and writes JSON and Markdown to bench/results/, and
 * stops what it started.
 *
 *   npm run bench                          intake, end to end, replay of 1M and 4M events (about 25 min)
 *   npm run bench -- --quick               the same, smaller (about 4 min)
 *   npm run bench -- intake end-to-end     only the scenarios named (intake, end-to-end, replay, census)
 * Options: --referrals=N --concurrency=N --ceiling-seconds=N (intake); --decisions=N --rates=N,N
 * --schools=N (end to end); --events=N,N (replay); --out=NAME (bench/results/NAME.json and .md).
 * BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of each service it starts. With pg_stat_statements
 * loaded, intake and end to end report the statements each operation sent PostgreSQL, by service.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishTestInfrastructure, startTestInfrastructure } from '@csc/testing';
import { measureCensusExport, type CensusExportResult } from './scenarios/census-export';
import { measureEndToEnd } from './scenarios/end-to-end';
import { measureIntake } from './scenarios/intake';
import { growthOf, measureReplay, type ReplayResult } from './scenarios/replay';
import { markdownOf, targetsOf, type BenchResults } from './support/report';

const SCENARIOS = ['intake', 'end-to-end', 'replay', 'census'] as const;
type Scenario = (typeof SCENARIOS)[number];

const FULL = {
  referrals: 5000,
  concurrency: 16,
  ceilingSeconds: 15,
  decisions: 3000,
  rates: [50, 100],
  schools: 60,
  events: [1_000_000, 4_000_000],
  censusYears: [
    { label: 'the demo year', seed: 'demo' },
    { label: 'a 20,000-referral year', seed: 1, referralsPerYear: 20_000 },
  ],
};
const QUICK = {
  referrals: 1500,
  concurrency: 16,
  ceilingSeconds: 5,
  decisions: 1000,
  rates: [50, 100],
  schools: 20,
  events: [100_000, 400_000],
  censusYears: [{ label: 'the demo year', seed: 'demo' }],
};

const parseArguments = (argv: string[]) => {
  const flags = new Map(
    argv.filter((arg) => arg.startsWith('--')).map((arg) => [arg.slice(2).split('=')[0], arg.includes('=') ? arg.split('=')[1] : 'true']),
  );
  const named = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = named.filter((name) => !SCENARIOS.includes(name as Scenario));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}: choose from ${SCENARIOS.join(', ')}`);
  const quick = flags.get('quick') === 'true';
  const base = quick ? QUICK : FULL;
  const number = (flag: string, fallback: number) => (flags.has(flag) ? Number(flags.get(flag)) : fallback);
  const scenarios = named.length > 0 ? (named as Scenario[]) : [...SCENARIOS];
  return {
    scenarios,
    referrals: number('referrals', base.referrals),
    concurrency: number('concurrency', base.concurrency),
    ceilingSeconds: number('ceiling-seconds', base.ceilingSeconds),
    decisions: number('decisions', base.decisions),
    rates: flags.has('rates') ? flags.get('rates')!.split(',').map(Number) : base.rates,
    schools: number('schools', base.schools),
    events: flags.has('events') ? flags.get('events')!.split(',').map(Number) : base.events,
    censusYears: base.censusYears,
    out: flags.get('out') ?? (named.length > 0 ? `bench-${scenarios.join('-')}${quick ? '-quick' : ''}` : quick ? 'quick' : 'bench'),
  };
};

const main = async () => {
  const options = parseArguments(process.argv.slice(2));
  const infrastructure = await startTestInfrastructure();
  publishTestInfrastructure(infrastructure);
  const brokers = infrastructure.kafkaBrokers;
  const results: BenchResults = {
    measuredAt: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, node ${process.version}, 2 cores shared by the bench, the services, PostgreSQL and Kafka`,
  };
  try {
    if (options.scenarios.includes('intake')) {
      log(`intake: pgbench for ${options.ceilingSeconds}s, then ${options.referrals} referrals from ${options.concurrency} clients`);
      results.intake = await measureIntake({ ...options, brokers });
    }
    if (options.scenarios.includes('end-to-end')) {
      results.endToEnd = [];
      for (const rate of options.rates) {
        results.endToEnd.push(
          await measureEndToEnd({ decisions: options.decisions, decisionsPerSecond: rate, schools: options.schools, brokers }),
        );
      }
    }
    if (options.scenarios.includes('replay')) {
      const runs: ReplayResult[] = [];
      for (const size of options.events) runs.push(await measureReplay(size, brokers));
      results.replay = { runs, growth: growthOf(runs) };
    }
    if (options.scenarios.includes('census')) {
      const runs: CensusExportResult[] = [];
      for (const size of options.censusYears) runs.push(await measureCensusExport(size, brokers));
      results.census = runs;
    }
  } finally {
    await infrastructure.stop();
  }
  const markdown = markdownOf(results);
  const directory = join(__dirname, 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${options.out}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(directory, `${options.out}.md`), markdown);
  console.log(markdown);
  log(`written to bench/results/${options.out}.json and .md`);
  const missed = targetsOf(results).filter((line) => !line.met).length;
  if (missed > 0) log(`${missed} target(s) missed: the note on the run says what bounds each`);
};

const log = (line: string) => console.error(`bench: ${line}`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
