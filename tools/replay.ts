import { parseArgs } from 'node:util';
import { localToken } from './local-token';
import { averageRate, observe, progressLine, type ProjectionStatusRow, type RebuildWatch } from './replay/replay-progress';

const usage = `usage: npm run replay -- [projection ...] [--url http://127.0.0.1:3005] [--token <ANALYST token>]
Rebuilds the named analytics projections (all of them when none is named) from offset 0 in the
running analytics service, showing each one's progress until it has caught up and taken over.
Without --token (or CSC_TOKEN) it mints a local ANALYST token with JWT_SECRET or the development secret.`;

const main = async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(usage);
  const url = (values.url ?? process.env.ANALYTICS_URL ?? 'http://127.0.0.1:3005').replace(/\/$/, '');
  const authorization = `Bearer ${values.token ?? process.env.CSC_TOKEN ?? (await localAnalystToken())}`;
  const call = async (method: 'GET' | 'POST', path: string) => {
    const response = await fetch(`${url}${path}`, { method, headers: { authorization } });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };

  const statuses = (await call('GET', '/v1/projections')) as ProjectionStatusRow[];
  const known = [...new Set(statuses.map((row) => row.projection))].sort();
  const names = positionals.length === 0 || positionals.includes('all') ? known : positionals;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`no projection ${unknown.join(', ')} (known: ${known.join(', ')})`);

  let watches: RebuildWatch[] = [];
  for (const name of names) {
    const { version } = (await call('POST', `/v1/projections/${encodeURIComponent(name)}/rebuild`)) as { version: number };
    watches.push({
      projection: name,
      version,
      startedAt: Date.now(),
      finishedAt: null,
      position: 0,
      lag: 0,
      eventsPerSecond: 0,
      etaSeconds: null,
    });
  }

  const live = process.stderr.isTTY;
  let lastPrinted = 0;
  while (watches.some((watch) => watch.finishedAt === null)) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    watches = observe(watches, (await call('GET', '/v1/projections')) as ProjectionStatusRow[], Date.now());
    if (live) {
      if (lastPrinted > 0) process.stderr.write(`\x1b[${watches.length}A`); // back up over the bars drawn last time
      process.stderr.write(watches.map((watch) => `\x1b[2K${progressLine(watch, Date.now())}\n`).join(''));
      lastPrinted = Date.now();
    } else if (Date.now() - lastPrinted >= 5_000) {
      // A log, not a terminal: a line every few seconds rather than a redrawn bar.
      for (const watch of watches) process.stderr.write(`${progressLine(watch, Date.now())}\n`);
      lastPrinted = Date.now();
    }
  }
  const events = watches.reduce((total, watch) => total + watch.position, 0);
  const seconds = (Math.max(...watches.map((watch) => watch.finishedAt!)) - Math.min(...watches.map((watch) => watch.startedAt))) / 1000;
  for (const watch of watches) console.log(`${progressLine(watch, Date.now())}`);
  console.log(
    `rebuilt ${watches.length} projection(s) from offset 0: ${events.toLocaleString('en-GB')} events in ${seconds.toFixed(1)}s ` +
      `(${Math.round(events / Math.max(seconds, 0.001)).toLocaleString('en-GB')} events/s over all; ` +
      `${watches.map((watch) => `${watch.projection} ${averageRate(watch).toLocaleString('en-GB')}/s`).join(', ')})`,
  );
};

const localAnalystToken = () => localToken({ sub: 'local-replay', role: 'ANALYST', org: process.env.LA_CODE ?? 'LA888' }, '2h');

main().catch((error: Error) => {
  console.error(`replay: ${error.message}`);
  process.exit(1);
});
