import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { MasterKeyRing } from './master-key-ring';
import { connectKeyVault } from './key-vault-connection';
import { SubjectKeyVault } from './subject-key-vault';
import { SubjectProtection } from './subject-protection';
import { asAppRole, SUBJECT_KEY_VAULT_MIGRATIONS } from '@csc/platform';

const masterKey = () => randomBytes(32).toString('base64');

describe('the key vault', () => {
  let database: TestDatabase;
  let pool: Pool;
  const oldKey = masterKey();
  const newKey = masterKey();
  const vaultWith = (keys: string, current?: string) => new SubjectKeyVault(pool, MasterKeyRing.fromConfiguration(keys, current), 0);
  const anEvent = (childId: string | null) => ({
    eventId: randomUUID(),
    type: 'ReferralReceived',
    schemaVersion: 1,
    occurredAt: new Date(),
    childId,
    data: { referralId: randomUUID(), subject: { child: { givenName: 'Vaulted', familyName: 'Child' } } },
  });
  const stored = (event: ReturnType<typeof anEvent>, data: unknown) => ({
    ...event,
    data,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.occurredAt.toISOString(),
    streamId: 'referral-x',
    streamVersion: 1,
    correlationId: randomUUID(),
    causationId: null,
    actor: { sub: 't', role: 'SYSTEM' as const, org: 'LA' },
    globalPosition: '1',
    transactionId: '1',
    traceparent: null,
  });

  beforeAll(async () => {
    // A vault of its own: rotation rewraps every key in the vault.
    database = await createTestDatabase('key_vault', SUBJECT_KEY_VAULT_MIGRATIONS);
    pool = new Pool({ connectionString: database.url });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it("seals with the child's key, opens, and after the child's keys are destroyed opens nothing, for ever", async () => {
    const vault = vaultWith(`old:${oldKey}`);
    const subjects = new SubjectProtection(vault);
    const childId = randomUUID();
    const event = anEvent(childId);
    const [sealed] = await subjects.seal('referral-x', [event]);
    expect(JSON.stringify(sealed.data)).not.toContain('Vaulted');
    const [opened] = await subjects.open([stored(event, sealed.data)]);
    expect(opened.data).toEqual(event.data);

    // A stream's key made before its child was known goes with the child too.
    const early = anEvent(null);
    const [earlySealed] = await subjects.seal('episode-y', [early]);
    await vault.linkKeyToChild((earlySealed.data as { subject: { kid: string } }).subject.kid, childId);

    expect(await vault.destroyKeysOf(childId)).toBe(2);
    const [erased, earlyErased] = await subjects.open([stored(event, sealed.data), stored(early, earlySealed.data)]);
    expect(erased).toMatchObject({ subjectErased: true, data: { referralId: event.data.referralId, subject: null } });
    expect(earlyErased).toMatchObject({ subjectErased: true });
    await expect(subjects.seal('referral-x', [anEvent(childId)])).rejects.toThrow(/erased/);
    await expect(
      pool.query(`UPDATE subject_keys SET wrapped_key = 'x', destroyed_at = NULL WHERE child_id = $1`, [childId]),
    ).rejects.toThrow(/cannot be restored/);
  });

  it('rotates the master key: data keys are rewrapped, sealed subjects still open, the old master key can go', async () => {
    const childId = randomUUID();
    const event = anEvent(childId);
    const [sealed] = await new SubjectProtection(vaultWith(`old:${oldKey}`)).seal('referral-z', [event]);
    const rotating = vaultWith(`old:${oldKey},new:${newKey}`, 'new');
    expect(await rotating.rewrapUnderCurrentMasterKey()).toBeGreaterThan(0);
    expect(await rotating.rewrapUnderCurrentMasterKey()).toBe(0);
    const [opened] = await new SubjectProtection(vaultWith(`new:${newKey}`)).open([stored(event, sealed.data)]);
    expect(opened.data).toEqual(event.data);
  });

  it('gives each service only what it needs: only referral-intake destroys keys, statutory-returns only reads; analytics cannot even read them', async () => {
    const asRole = async (service: string, sql: string) => {
      const client = new Client({ connectionString: asAppRole(database.url, service) });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await expect(asRole('case-progression', 'SELECT count(*) FROM subject_keys')).resolves.toBeDefined();
    await expect(asRole('case-progression', 'UPDATE subject_keys SET destroyed_at = now() WHERE false')).rejects.toThrow(
      /permission denied/,
    );
    await expect(asRole('early-help', 'DELETE FROM subject_keys WHERE false')).rejects.toThrow(/permission denied/);
    await expect(asRole('referral-intake', 'UPDATE subject_keys SET destroyed_at = destroyed_at WHERE false')).resolves.toBeDefined();
    await expect(asRole('referral-intake', 'DELETE FROM subject_keys WHERE false')).rejects.toThrow(/permission denied/);
    await expect(asRole('analytics', 'SELECT count(*) FROM subject_keys')).rejects.toThrow(/permission denied|does not exist/);
    await expect(asRole('statutory-returns', 'SELECT kid, master_key_id, wrapped_key FROM subject_keys LIMIT 1')).resolves.toBeDefined();
    await expect(asRole('statutory-returns', 'SELECT owner, child_id FROM subject_keys LIMIT 1')).rejects.toThrow(/permission denied/);
    await expect(
      asRole(
        'statutory-returns',
        `INSERT INTO subject_keys (kid, owner, master_key_id, wrapped_key) VALUES (gen_random_uuid(), 'x', 'k', 'w')`,
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(asRole('statutory-returns', 'UPDATE subject_keys SET destroyed_at = destroyed_at WHERE false')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('loads many keys in one round trip for a reader about to open many children, leaving unknown ones to be refused', async () => {
    const keys = `old:${oldKey}`;
    const writer = vaultWith(keys);
    const first = await writer.sealingKey({ childId: randomUUID() });
    const second = await writer.sealingKey({ childId: randomUUID() });
    let queries = 0;
    const counted = { query: (...args: Parameters<Pool['query']>) => (queries++, pool.query(...args)) } as unknown as Pool;
    const reader = new SubjectKeyVault(counted, MasterKeyRing.fromConfiguration(keys), 30_000);
    await reader.prefetchOpeningKeys([first.kid, second.kid, randomUUID()]);
    expect(await reader.openingKey(first.kid)).toEqual(first.key);
    expect(await reader.openingKey(second.kid)).toEqual(second.key);
    expect(queries).toBe(1);
  });

  it("drops a key another instance destroyed from every instance's cache at once, not when the cached copy expires", async () => {
    const keys = `old:${oldKey}`;
    const quiet = { warn: () => undefined };
    // Two instances of a service: each its own pool, its own 30 s cache, and its own listener, as in production.
    const [eraser, other] = ['instance-a', 'instance-b'].map((applicationName) =>
      connectKeyVault({ url: database.url, masterKeys: keys, applicationName }, quiet),
    );
    try {
      await Promise.all([eraser.listen(), other.listen()]);
      const childId = randomUUID();
      const { kid, key } = await eraser.vault.sealingKey({ childId });
      expect(await other.vault.openingKey(kid)).toEqual(key); // now cached in the other instance for 30 s

      const destroyedAt = Date.now();
      await eraser.vault.destroyKeysOf(childId);
      let openedAfter = 0;
      while ((await other.vault.openingKey(kid)) !== null) {
        openedAfter = Date.now() - destroyedAt;
        if (openedAfter > 5_000) break;
        await new Promise((resolveSoon) => setTimeout(resolveSoon, 20));
      }
      // Far inside the cache's 30 s: the vault's notification, not the expiry, dropped it.
      expect(openedAfter).toBeLessThan(5_000);
      await expect(other.vault.sealingKey({ childId })).rejects.toThrow(/erased/);
    } finally {
      await Promise.all([eraser.close(), other.close()]);
    }
  });

  it('imports keys made elsewhere once, opens what they sealed, and destroys them with their child', async () => {
    const vault = vaultWith(`old:${oldKey}`);
    const childId = randomUUID();
    const imported = { kid: randomUUID(), childId, key: randomBytes(32) };
    expect(await vault.importKeys([imported, { kid: randomUUID(), childId: null, key: randomBytes(32) }])).toBe(2);
    expect(await vault.importKeys([imported])).toBe(0);
    expect(await vault.openingKey(imported.kid)).toEqual(imported.key);
    expect(await vault.destroyKeysOf(childId)).toBe(1);
    expect(await vaultWith(`old:${oldKey}`).openingKey(imported.kid)).toBeNull();
  });
});
