import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CreateEventStore1763800000000 } from '@csc/event-store';
import { appRoleOf, asAppRole, CreateAuditLog1765000000000 } from '@csc/platform';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { ALL_SERVICES } from './registry';

const INSUFFICIENT_PRIVILEGE = '42501';
const namesOfServicesWith = (migration: Function) =>
  ALL_SERVICES.filter((service) => (service.migrations as Function[]).includes(migration)).map((service) => [service.name] as const);

/**
 * Each service runs as its own least-privileged role: connected as that role, the append-only tables
 * take INSERT and SELECT and refuse UPDATE, DELETE and TRUNCATE; nothing can be created; another
 * service's database is closed to it. The five databases migrate at once, as test files do, racing to
 * create the server-wide roles.
 */
describe('database roles', () => {
  const databases = new Map<string, TestDatabase>();

  beforeAll(async () => {
    await Promise.all(
      ALL_SERVICES.map(async (service) =>
        databases.set(service.name, await createTestDatabase(`roles_${service.name}`, service.migrations)),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all([...databases.values()].map((database) => database.drop()));
  });

  const connectAs = async (serviceName: string, database = databases.get(serviceName)!): Promise<Client> => {
    const client = new Client({ connectionString: asAppRole(database.url, serviceName) });
    await client.connect();
    return client;
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'allowed',
      (error: { code?: string }) => error.code,
    );

  describe.each(ALL_SERVICES.map((service) => [service.name] as const))('%s', (serviceName) => {
    let app: Client;
    beforeAll(async () => {
      app = await connectAs(serviceName);
    });
    afterAll(() => app?.end());

    it(`connects as ${appRoleOf(serviceName)}, which is no superuser and may create nothing`, async () => {
      const [role] = (
        await app.query(`SELECT current_user AS name, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user`)
      ).rows;
      expect(role).toEqual({ name: appRoleOf(serviceName), rolsuper: false, rolcreatedb: false, rolcreaterole: false });
      expect(await refusal(app.query(`CREATE TABLE sneaky (id int)`))).toBe(INSUFFICIENT_PRIVILEGE);
    });

    it('may do what the service does at runtime: its own tables, advisory locks, LISTEN/NOTIFY, snapshots', async () => {
      await app.query(`LISTEN probe`);
      await app.query('BEGIN');
      const [runtime] = (
        await app.query(
          `SELECT pg_try_advisory_xact_lock(hashtext('probe')) AS locked, pg_snapshot_xmin(pg_current_snapshot()) <= pg_current_xact_id() AS snapshot`,
        )
      ).rows;
      await app.query(`SELECT pg_notify('probe', '')`);
      await app.query('COMMIT');
      expect(runtime).toEqual({ locked: true, snapshot: true });
      await app.query(`INSERT INTO inbox (consumer, event_id, event_type) VALUES ('probe', $1, 'Probe')`, [randomUUID()]);
      await app.query(`DELETE FROM inbox WHERE consumer = 'probe'`);
      // Reactions park events that wait for an earlier one, lease them and delete them once handled.
      await app.query(
        `INSERT INTO parked_events (consumer, topic, sequence_key, event_id, event_type, kafka_partition, kafka_offset, message_value, reason)
         VALUES ('probe', 'probe', 'probe', $1, 'Probe', 0, 0, '\\x7b7d', 'probe')`,
        [randomUUID()],
      );
      await app.query(`UPDATE parked_events SET claimed_until = now() WHERE consumer = 'probe'`);
      await app.query(`DELETE FROM parked_events WHERE consumer = 'probe'`);
    });

    it("may not run the migrations, nor connect to another service's database", async () => {
      expect(await refusal(app.query(`SELECT * FROM migrations`))).toBe(INSUFFICIENT_PRIVILEGE);
      const other = ALL_SERVICES.find((service) => service.name !== serviceName)!;
      expect(await refusal(connectAs(serviceName, databases.get(other.name)))).toBe(INSUFFICIENT_PRIVILEGE);
    });
  });

  describe.each(namesOfServicesWith(CreateEventStore1763800000000))('%s events, as its app role', (serviceName) => {
    let app: Client;
    beforeAll(async () => {
      app = await connectAs(serviceName);
    });
    afterAll(() => app?.end());

    it('may only add to and read the events, never change, delete or truncate them', async () => {
      const eventId = randomUUID();
      await app.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, correlation_id, actor, data, occurred_at)
         VALUES ($1, 1, $2, 'Probe', 1, $3, '{}', '{}', now())`,
        [randomUUID(), eventId, randomUUID()],
      );
      expect((await app.query(`SELECT count(*)::int AS count FROM events WHERE event_id = $1`, [eventId])).rows[0].count).toBe(1);
      expect(await refusal(app.query(`UPDATE events SET type = 'Changed' WHERE event_id = $1`, [eventId]))).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await refusal(app.query(`DELETE FROM events WHERE event_id = $1`, [eventId]))).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await refusal(app.query(`TRUNCATE events`))).toBe(INSUFFICIENT_PRIVILEGE);
    });
  });

  describe.each(namesOfServicesWith(CreateAuditLog1765000000000))('%s audit trail, as its app role', (serviceName) => {
    let app: Client;
    beforeAll(async () => {
      app = await connectAs(serviceName);
    });
    afterAll(() => app?.end());

    it('may only add to and read the audit trail, never change, delete or truncate it', async () => {
      const requestId = randomUUID();
      await app.query(
        `INSERT INTO audit_log (user_sub, resource_kind, method, route, outcome, request_id) VALUES ('probe', 'referral', 'GET', '/v1/probe', 200, $1)`,
        [requestId],
      );
      expect((await app.query(`SELECT count(*)::int AS count FROM audit_log WHERE request_id = $1`, [requestId])).rows[0].count).toBe(1);
      expect(await refusal(app.query(`UPDATE audit_log SET outcome = 500 WHERE request_id = $1`, [requestId]))).toBe(
        INSUFFICIENT_PRIVILEGE,
      );
      expect(await refusal(app.query(`DELETE FROM audit_log WHERE request_id = $1`, [requestId]))).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await refusal(app.query(`TRUNCATE audit_log`))).toBe(INSUFFICIENT_PRIVILEGE);
    });
  });

  const servicesTakingIdempotencyKeys = ALL_SERVICES.filter((service) =>
    (service.migrations as Function[]).some((migration) => /^CreateIdempotencyKeys\d+$/.test(migration.name)),
  ).map((service) => [service.name] as const);

  describe.each(servicesTakingIdempotencyKeys)('%s idempotency keys, as its app role', (serviceName) => {
    let app: Client;
    beforeAll(async () => {
      app = await connectAs(serviceName);
    });
    afterAll(() => app?.end());

    it('may claim, read and complete a key, never delete or truncate one (a forgotten key lets a retry write twice)', async () => {
      const key = randomUUID();
      await app.query(`INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ('probe@LA888', $1, 'hash')`, [key]);
      await app.query(`UPDATE idempotency_keys SET response_status = 201, response_body = '{}' WHERE key = $1`, [key]);
      expect((await app.query(`SELECT response_status FROM idempotency_keys WHERE key = $1`, [key])).rows).toEqual([
        { response_status: 201 },
      ]);
      expect(await refusal(app.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]))).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await refusal(app.query(`TRUNCATE idempotency_keys`))).toBe(INSUFFICIENT_PRIVILEGE);
    });
  });

  it('keeps the audit trail even from the owner: the trigger refuses UPDATE, DELETE and TRUNCATE', async () => {
    const owner = databases.get('referral-intake')!.dataSource;
    await owner.query(
      `INSERT INTO audit_log (user_sub, resource_kind, method, route, outcome) VALUES ('probe', 'referral', 'GET', '/v1/probe', 200)`,
    );
    for (const statement of [`UPDATE audit_log SET outcome = 500`, `DELETE FROM audit_log`, `TRUNCATE audit_log`]) {
      await expect(owner.query(statement)).rejects.toThrow(/audit_log is append-only/);
    }
  });
});
