import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import {
  createServiceTopics,
  createTestDatabase,
  eventually,
  startServiceProcess,
  testKafka,
  testToken,
  uniqueTopicSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@csc/testing';
import { schoolNotificationsService } from '../school-notifications.service-definition';

const SCHOOL = '300001';
const LEASE_SECONDS = 4;
/** Two dispatchers, each in its own process: the one holding the lane is killed while its post hangs. */
const SETTINGS = {
  WEBHOOK_LEASE_SECONDS: String(LEASE_SECONDS),
  // Far longer than the lease: only renewal keeps the lane with its dispatcher while the school's endpoint hangs.
  WEBHOOK_TIMEOUT_MS: '120000',
  WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true',
};

describe('webhook lanes: short leases, renewed while a post runs, taken over within seconds of a crash', () => {
  let database: TestDatabase;
  let suffix: string;
  const dispatchers: ServiceProcess[] = [];
  let receiver: Server;
  let receiverUrl: string;
  /** Each request the school's endpoint saw: its notification id, when; the first one is never answered. */
  const seen: { id: string; at: number }[] = [];

  const startDispatcher = async () => {
    const started = await startServiceProcess('school-notifications', {
      from: 'source',
      databaseUrl: database.url,
      topicSuffix: suffix,
      environment: SETTINGS,
    });
    dispatchers.push(started);
    return started;
  };

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    await createServiceTopics(testKafka('webhook-lease-e2e'), suffix);
    database = await createTestDatabase('webhook_lease', schoolNotificationsService.migrations);
    receiver = createServer((incoming: IncomingMessage, response: ServerResponse) => {
      incoming.resume();
      seen.push({ id: String(incoming.headers['x-csc-notification-id']), at: performance.now() });
      if (seen.length > 1) response.writeHead(204).end(); // the first hangs until its dispatcher dies
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhooks/csc`;
  });
  afterAll(async () => {
    for (const dispatcher of dispatchers) await dispatcher.stop();
    receiver?.closeAllConnections();
    await new Promise((done) => receiver?.close(done));
    await database?.drop();
  });

  /** Two notifications in the school's inbox, due now: one lane, posted in order. */
  const queueTwoNotifications = async (): Promise<string[]> => {
    const ids = [randomUUID(), randomUUID()];
    const childId = randomUUID();
    await database.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO school_inboxes (school_urn, last_sequence) VALUES ($1, 2)`, [SCHOOL]);
      for (const [place, id] of ids.entries()) {
        await manager.query(
          `INSERT INTO notifications (notification_id, school_urn, child_id, type, summary, occurred_at, source_event_id, inbox_sequence)
           VALUES ($1, $2, $3, 'REFERRAL_RECEIVED', 'Your referral has been received.', now(), $4, $5)`,
          [id, SCHOOL, childId, randomUUID(), place + 1],
        );
        await manager.query(
          `INSERT INTO webhook_deliveries (notification_id, school_urn, queued_event_id, correlation_id) VALUES ($1, $2, $3, $4)`,
          [id, SCHOOL, randomUUID(), randomUUID()],
        );
      }
      await manager.query(`SELECT pg_notify('webhooks_due', '')`);
    });
    return ids;
  };

  it('keeps one writer per lane while the post hangs, and another dispatcher takes the lane within the lease once its holder is killed', async () => {
    const holder = await startDispatcher();
    const registered = await request(holder.url)
      .post('/v1/schools')
      .set('Authorization', `Bearer ${await testToken({ sub: 'admin-1', role: 'ADMIN', org: 'LA888' })}`)
      .send({ urn: SCHOOL, name: 'Lease Test School', webhookUrl: receiverUrl });
    expect(registered.status).toBe(201);
    const [first, second] = await queueTwoNotifications();
    await eventually(() => expect(seen.map(({ id }) => id)).toEqual([first]));

    // A second dispatcher joins while the post hangs; several leases' time later it still has not posted the lane.
    const other = await startDispatcher();
    await new Promise((done) => setTimeout(done, 2 * LEASE_SECONDS * 1000));
    expect(seen.map(({ id }) => id)).toEqual([first]);
    const [lease] = await database.dataSource.query(
      `SELECT leased_until > now() AS live, lease_holder FROM webhook_deliveries WHERE notification_id = $1`,
      [first],
    );
    expect(lease.live).toBe(true);

    await holder.kill();
    const killedAt = performance.now();
    await eventually(() => expect(seen.map(({ id }) => id)).toEqual([first, first, second]), { timeoutMs: 30_000 });
    const takenOverAfterMs = seen[1].at - killedAt;
    process.stdout.write(
      `webhook lane taken over ${Math.round(takenOverAfterMs)} ms after its dispatcher was killed (lease ${LEASE_SECONDS} s)\n`,
    );
    // Within the lease and one renewal period after the kill, with a generous margin for a shared machine: not the old 280 s.
    expect(takenOverAfterMs).toBeLessThan((LEASE_SECONDS + 15) * 1000);

    const rows = await eventually(async () => {
      const states = await database.dataSource.query(
        `SELECT notification_id, state, lease_holder FROM webhook_deliveries ORDER BY notification_id`,
      );
      expect(states.map((row: { state: string }) => row.state)).toEqual(['DELIVERED', 'DELIVERED']);
      return states as { lease_holder: string }[];
    });
    // Both posted by the dispatcher that took over, not the killed one.
    expect(new Set(rows.map((row) => row.lease_holder))).toEqual(new Set([rows[0].lease_holder]));
    expect(rows[0].lease_holder).not.toBe(lease.lease_holder);
    await request(other.url).get('/health/ready').expect(200);
  }, 120_000);
});
