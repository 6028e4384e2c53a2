/**
 * Where a service's CPU went, by package and by function, from a V8 CPU profile (what
 * `BENCH_CPU_PROFILE=<dir> npm run bench -- intake` writes of each service it starts):
 *   npm run bench:profile -- <file>.cpuprofile [--per=<operations>] [--top=<n>]
 * --per divides by the operations the run did (the referrals, the log events) to give ms per operation.
 * What is left out, and why socket writes are shown apart: tools/cpu-profile/cpu-profile-summary.ts.
 */
import { readFileSync } from 'node:fs';
import { summariseCpuProfile, type CpuProfile, type CpuShare } from './cpu-profile/cpu-profile-summary';

const USAGE = 'usage: npm run bench:profile -- <file>.cpuprofile [--per=<operations>] [--top=<n>]';

const positiveCount = (flag: string, text: string | undefined): number => {
  const count = Number(text);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error(`--${flag}: a whole number from 1, not ${text === undefined ? 'nothing' : `"${text}"`} (--${flag}=<n>)`);
  return count;
};

const main = () => {
  const argv = process.argv.slice(2);
  const flags = new Map(argv.filter((arg) => arg.startsWith('--')).map((arg) => [arg.slice(2).split('=')[0], arg.split('=')[1]]));
  const files = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = [...flags.keys()].filter((flag) => flag !== 'per' && flag !== 'top');
  if (files.length !== 1 || unknown.length > 0) throw new Error(unknown.length > 0 ? `unknown option --${unknown[0]}\n${USAGE}` : USAGE);
  const per = flags.has('per') ? positiveCount('per', flags.get('per')) : null;
  const top = flags.has('top') ? positiveCount('top', flags.get('top')) : 25;

  const summary = summariseCpuProfile(JSON.parse(readFileSync(files[0], 'utf8')) as CpuProfile, top);
  const each = (milliseconds: number) => (per === null ? '' : ` | ${(milliseconds / per).toFixed(3)}`);
  const table = (title: string, shares: CpuShare[]) =>
    [
      `| ${title} | ms | share${per === null ? '' : ' | ms per operation'} |`,
      `|---|---|---${per === null ? '' : '|---'}|`,
      ...shares.map(({ name, milliseconds, percent }) => `| ${name} | ${milliseconds} | ${percent}%${each(milliseconds)} |`),
    ].join('\n');
  console.log(
    [
      `Measured work: ${summary.workMilliseconds} ms of samples${per === null ? '' : `, ${(summary.workMilliseconds / per).toFixed(3)} ms per operation`}.`,
      `Left out: in socket writes ${summary.socketWriteMilliseconds} ms (partly time off the CPU), start-up ${summary.startUpMilliseconds} ms, idle ${summary.idleMilliseconds} ms.`,
      '',
      table('package', summary.byPackage),
      '',
      table('function', summary.byFunction),
    ].join('\n'),
  );
};

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
