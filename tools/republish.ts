import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { defaultOwnerDatabaseUrl } from '@csc/platform';
import { resetRelayCheckpoint } from '@csc/event-store';
import { ALL_SERVICES } from '../services/registry';

const usage = `usage: npm run republish -- [service ...]
Makes each named service's outbox relay (every service that writes events when none is named)
publish its whole event log again, in order, from the first event: for a broker whose log was lost
or replaced (a relay that noticed says so in /health/ready and its log). The event stores are the
truth; consumers skip events they already handled (by event id), and projections rebuild from
offset 0 when they find their offsets past a partition's end. Runs as each database's owner
(<SERVICE>_DATABASE_URL, e.g. REFERRAL_INTAKE_DATABASE_URL, or the local default); running relays
carry on from the beginning at their next pass, stopped ones when they start.`;

const main = async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(usage);
  const unknown = positionals.filter((name) => !ALL_SERVICES.some((service) => service.name === name));
  if (unknown.length > 0) throw new Error(`no service ${unknown.join(', ')}\n${usage}`);
  const services = ALL_SERVICES.filter((service) => positionals.length === 0 || positionals.includes(service.name));
  for (const service of services) {
    const variable = `${service.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
    const dataSource = await new DataSource({
      type: 'postgres',
      url: process.env[variable] ?? defaultOwnerDatabaseUrl(service.name),
      applicationName: `${service.name}-republish`,
    }).initialize();
    try {
      const [{ exists }] = await dataSource.query(`SELECT to_regclass('outbox_checkpoints') IS NOT NULL AS exists`);
      const relays: { relay: string; published_count: string }[] = exists
        ? await dataSource.query(`SELECT relay, published_count::text AS published_count FROM outbox_checkpoints ORDER BY relay`)
        : [];
      if (relays.length === 0) {
        console.log(`${service.name}: writes no events (or has not published yet): nothing to republish`);
        continue;
      }
      const [{ events }] = await dataSource.query(`SELECT count(*)::text AS events FROM events`);
      for (const { relay, published_count } of relays) {
        await dataSource.transaction((manager) => resetRelayCheckpoint(manager, relay));
        console.log(
          `${service.name}: relay ${relay} republishes all ${events} events from the beginning (it had published ${published_count})`,
        );
      }
    } finally {
      await dataSource.destroy();
    }
  }
};

main().catch((error: Error) => {
  console.error(`republish: ${error.message}`);
  process.exit(1);
});
