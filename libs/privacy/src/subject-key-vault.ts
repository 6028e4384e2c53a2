import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PersonalDataErasedError } from '@csc/event-store';
import { freshRandomBytes } from './fresh-random-bytes';
import type { MasterKeyRing } from './master-key-ring';
import { DATA_KEY_BYTES } from './subject-cipher';

/** Whose key seals a subject: the child's, or, while the child is not known yet, the stream's. */
export type KeyOwner = { childId: string } | { streamId: string };

export interface DataKey {
  kid: string;
  key: Buffer;
}

export class UnknownSubjectKeyError extends Error {
  constructor(readonly kid: string) {
    super(`subject key ${kid} is not in the key vault`);
    this.name = 'UnknownSubjectKeyError';
  }
}

interface KeyRow {
  kid: string;
  master_key_id: string;
  wrapped_key: string | null;
}

const MAX_CACHED_KEYS = 10_000;

const ownerOf = (owner: KeyOwner): string => ('childId' in owner ? `child:${owner.childId}` : `stream:${owner.streamId}`);

/**
 * Children's data keys, kept wrapped in the key vault database. Unwrapped keys are cached briefly
 * (a burst of reads of one case needs one lookup): an erasure evicts its keys in the process that
 * erases at once, and every other process as soon as the vault's notification reaches it
 * (KeyDestructionListener); `cacheMillis` (30 s) bounds it should that notification be missed.
 */
/** What the vault was asked for (never which key or whose). */
export type KeyVaultOperation = 'seal' | 'open' | 'prefetch' | 'destroy';
export type KeyVaultObserver = (operation: KeyVaultOperation, answeredFrom: 'cache' | 'vault') => void;

export class SubjectKeyVault {
  private readonly cache = new Map<string, { key: Buffer | null; until: number }>();
  private readonly kidsByOwner = new Map<string, string>();

  constructor(
    private readonly pool: Pool,
    private readonly masterKeys: MasterKeyRing,
    private readonly cacheMillis = 30_000,
    /** Told each operation and whether the vault's database was asked or the cache answered (the platform counts them). */
    private readonly observe: KeyVaultObserver = () => undefined,
  ) {}

  /** The owner's key, created on first use. */
  async sealingKey(owner: KeyOwner): Promise<DataKey> {
    const ownerKey = ownerOf(owner);
    const knownKid = this.kidsByOwner.get(ownerKey);
    const cached = knownKid ? this.fromCache(knownKid) : undefined;
    if (knownKid && cached) {
      this.observe('seal', 'cache');
      return { kid: knownKid, key: cached };
    }
    this.observe('seal', 'vault');
    const row = await this.findOrCreate(ownerKey, 'childId' in owner ? owner.childId : null);
    const key = this.unwrap(row);
    if (!key) throw new PersonalDataErasedError(`subject key ${row.kid}`);
    this.kidsByOwner.set(ownerKey, row.kid);
    return { kid: row.kid, key };
  }

  /** The key that opens a sealed subject, or null when it was destroyed (the child was erased). */
  async openingKey(kid: string): Promise<Buffer | null> {
    const cached = this.fromCache(kid);
    this.observe('open', cached === undefined ? 'vault' : 'cache');
    if (cached !== undefined) return cached;
    const { rows } = await this.pool.query<KeyRow>({ ...OPENING_KEY, values: [kid] });
    if (rows.length === 0) throw new UnknownSubjectKeyError(kid);
    return this.unwrap(rows[0]);
  }

  /**
   * Loads many keys in one round trip into the cache, for a reader about to open many children's
   * subjects (a statutory return); unknown kids are left for openingKey to refuse.
   */
  async prefetchOpeningKeys(kids: string[]): Promise<void> {
    const missing = [...new Set(kids)].filter((kid) => this.fromCache(kid) === undefined);
    if (missing.length === 0) return;
    this.observe('prefetch', 'vault');
    const { rows } = await this.pool.query<KeyRow>(`SELECT kid, master_key_id, wrapped_key FROM subject_keys WHERE kid = ANY($1::uuid[])`, [
      missing,
    ]);
    for (const row of rows) this.unwrap(row);
  }

  /**
   * Brings in keys made elsewhere, for a past migrated into the log (a council's previous system, the
   * demo's generated year): each wrapped under the current master key, owned by its kid (the child's
   * own key, made by sealingKey, stays the one new events use) and erased with its child. A kid
   * already here is left as it is, so importing twice changes nothing. Needs INSERT: an owner's tool.
   */
  async importKeys(keys: { kid: string; childId: string | null; key: Buffer }[], batchSize = 5000): Promise<number> {
    let imported = 0;
    for (let start = 0; start < keys.length; start += batchSize) {
      const rows = keys.slice(start, start + batchSize).map(({ kid, childId, key }) => {
        const { masterKeyId, wrapped } = this.masterKeys.wrap(key, kid);
        return { kid, owner: `imported:${kid}`, child_id: childId, master_key_id: masterKeyId, wrapped_key: wrapped };
      });
      const { rowCount } = await this.pool.query(
        `INSERT INTO subject_keys (kid, owner, child_id, master_key_id, wrapped_key)
         SELECT kid, owner, child_id, master_key_id, wrapped_key
         FROM jsonb_to_recordset($1::jsonb) AS key(kid uuid, owner text, child_id uuid, master_key_id text, wrapped_key text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
      imported += rowCount ?? 0;
    }
    return imported;
  }

  /** Destroys every key of the child (its own, and those of streams linked to it); returns how many. */
  async destroyKeysOf(childId: string): Promise<number> {
    const { rows } = await this.pool.query<{ kid: string }>(
      `UPDATE subject_keys SET wrapped_key = NULL, destroyed_at = now() WHERE child_id = $1 AND destroyed_at IS NULL RETURNING kid`,
      [childId],
    );
    for (const { kid } of rows) this.cache.set(kid, { key: null, until: Number.POSITIVE_INFINITY });
    this.observe('destroy', 'vault');
    return rows.length;
  }

  /** A key destroyed elsewhere (another instance erased its child: KeyDestructionListener): read from the vault next time. */
  evictKey(kid: string): void {
    this.cache.delete(kid);
    for (const [owner, ownersKid] of this.kidsByOwner) if (ownersKid === kid) this.kidsByOwner.delete(owner);
  }

  /** After an erasure: no key stays in memory longer than it must. */
  forgetCachedKeys(): void {
    this.cache.clear();
    this.kidsByOwner.clear();
  }

  /** A key made before its child was known (an early help request) is erased with that child from now on. */
  async linkKeyToChild(kid: string, childId: string): Promise<void> {
    await this.pool.query(`UPDATE subject_keys SET child_id = $2 WHERE kid = $1 AND child_id IS NULL AND destroyed_at IS NULL`, [
      kid,
      childId,
    ]);
  }

  /** Rewraps every live key under the current master key (rotation); returns how many moved. */
  async rewrapUnderCurrentMasterKey(): Promise<number> {
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT kid, master_key_id, wrapped_key FROM subject_keys WHERE destroyed_at IS NULL AND master_key_id <> $1`,
      [this.masterKeys.currentKeyId],
    );
    for (const row of rows) {
      const { masterKeyId, wrapped } = this.masterKeys.wrap(this.unwrap(row)!, row.kid);
      await this.pool.query(
        `UPDATE subject_keys SET master_key_id = $2, wrapped_key = $3 WHERE kid = $1 AND master_key_id = $4 AND destroyed_at IS NULL`,
        [row.kid, masterKeyId, wrapped, row.master_key_id],
      );
    }
    return rows.length;
  }

  private async findByOwner(owner: string): Promise<KeyRow | undefined> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT kid, master_key_id, wrapped_key FROM subject_keys WHERE owner = $1`, [owner]);
    return rows[0];
  }

  /** One round trip for a new owner and for a known one alike (a new key is wrapped each time; that is cheap). */
  private async findOrCreate(owner: string, childId: string | null): Promise<KeyRow> {
    const kid = randomUUID();
    const { masterKeyId, wrapped } = this.masterKeys.wrap(freshRandomBytes(DATA_KEY_BYTES), kid);
    const { rows } = await this.pool.query<KeyRow>({ ...FIND_OR_CREATE_KEY, values: [kid, owner, childId, masterKeyId, wrapped] });
    // Empty only when another process created the owner's key after this statement began: theirs is the one.
    return rows[0] ?? (await this.findByOwner(owner))!;
  }

  private unwrap(row: KeyRow): Buffer | null {
    const key = row.wrapped_key ? this.masterKeys.unwrap(row.master_key_id, row.wrapped_key, row.kid) : null;
    this.cache.set(row.kid, { key, until: key ? Date.now() + this.cacheMillis : Number.POSITIVE_INFINITY });
    // Bounded: the oldest entry goes first (a Map iterates in insertion order).
    if (this.cache.size > MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
    return key;
  }

  private fromCache(kid: string): Buffer | null | undefined {
    const entry = this.cache.get(kid);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.cache.delete(kid);
      return undefined;
    }
    return entry.key;
  }
}

// A key is read or made for every referral and every decision whose child is not in the cache: named, so
// that each of the vault's connections parses and plans them once (unnamed, the lookup's planning cost
// PostgreSQL more than running it did, under the end-to-end bench's load).
const OPENING_KEY = {
  name: 'subject_keys_opening_key',
  text: `SELECT kid, master_key_id, wrapped_key FROM subject_keys WHERE kid = $1`,
};
const FIND_OR_CREATE_KEY = {
  name: 'subject_keys_find_or_create',
  text: `WITH created AS (
       INSERT INTO subject_keys (kid, owner, child_id, master_key_id, wrapped_key) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (owner) DO NOTHING RETURNING kid, master_key_id, wrapped_key)
     SELECT kid, master_key_id, wrapped_key FROM created
     UNION ALL SELECT kid, master_key_id, wrapped_key FROM subject_keys WHERE owner = $2
     LIMIT 1`,
};
