import { randomBytes } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { MasterKeyRing } from '@csc/privacy';
import type { TokenStoreSettings } from '../../config/token-store-settings';
import type { SessionTokens } from './session-tokens';
import { openSessionTokens, sealSessionTokens, sessionHashOf, type SealedSessionTokens } from './sealed-session-tokens';

/** A session lives no longer than the session cookie (a working day). */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** How long an instance waits for another one's refresh of the same session before giving up on the request. */
const RENEWAL_WAIT = '30s';

/**
 * The provider's tokens, kept server-side under an opaque random id that is all the (signed, not
 * encrypted) session cookie carries: tokens (access, refresh, ID) outgrow a cookie's 4 KB, and signing
 * out here ends the session for good, a copied cookie being worth nothing afterwards.
 *
 * Kept in the console's PostgreSQL database, so every console instance serves every session and a
 * restart signs no one out; sealed (AES-256-GCM under CONSOLE_TOKEN_KEYS, bound to the session), so
 * the database alone opens no one's tokens. A row ends with the session; ended rows are deleted as
 * new sessions start.
 */
export class ServerSideTokens implements OnModuleDestroy {
  private readonly pool: Pool;
  private readonly keys: MasterKeyRing;

  constructor(
    settings: TokenStoreSettings,
    private readonly sessionLifetimeMs = SESSION_LIFETIME_MS,
  ) {
    this.keys = MasterKeyRing.fromConfiguration(settings.keys);
    // Connected on first use: the console starts (and its local pages work) while the database is away.
    this.pool = new Pool({ connectionString: settings.databaseUrl, application_name: 'console', max: 10, connectionTimeoutMillis: 5000 });
    // An idle client's error (the server restarted) must not crash the console; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async keep(tokens: SessionTokens): Promise<string> {
    await this.pool.query('DELETE FROM session_tokens WHERE ends_at <= now()');
    const id = randomBytes(32).toString('base64url');
    const { keyId, sealed } = sealSessionTokens(this.keys, id, tokens);
    await this.pool.query(
      `INSERT INTO session_tokens (session_hash, key_id, sealed, ends_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sessionHashOf(id), keyId, sealed, this.sessionLifetimeMs / 1000],
    );
    return id;
  }

  async find(id: string): Promise<SessionTokens | null> {
    const { rows } = await this.pool.query<SealedRow>(
      'SELECT key_id, sealed FROM session_tokens WHERE session_hash = $1 AND ends_at > now()',
      [sessionHashOf(id)],
    );
    return rows[0] ? this.open(id, rows[0]) : null;
  }

  /**
   * Renews a session's tokens, one instance at a time: the row stays locked while `renew` runs (a call
   * to the provider), so a second instance wanting the same session waits, then is handed the tokens
   * the first one got, to use as they are if still fresh, rather than spending a refresh token the
   * provider has already rotated. What `renew` returns is kept; if it throws, nothing changes.
   * Null when the session has ended.
   */
  async renew(id: string, renew: (current: SessionTokens) => Promise<SessionTokens>): Promise<SessionTokens | null> {
    return this.inTransaction(async (client) => {
      await client.query(`SET LOCAL lock_timeout = '${RENEWAL_WAIT}'`);
      const { rows } = await client.query<SealedRow>(
        'SELECT key_id, sealed FROM session_tokens WHERE session_hash = $1 AND ends_at > now() FOR UPDATE',
        [sessionHashOf(id)],
      );
      if (!rows[0]) return null;
      const current = this.open(id, rows[0]);
      const renewed = await renew(current);
      if (renewed !== current) {
        const { keyId, sealed } = sealSessionTokens(this.keys, id, renewed);
        await client.query('UPDATE session_tokens SET key_id = $2, sealed = $3 WHERE session_hash = $1', [
          sessionHashOf(id),
          keyId,
          sealed,
        ]);
      }
      return renewed;
    });
  }

  async forget(id: string): Promise<void> {
    await this.pool.query('DELETE FROM session_tokens WHERE session_hash = $1', [sessionHashOf(id)]);
  }

  /** For readiness: the table is there and the console's role may read it, within two seconds. */
  async answers(): Promise<boolean> {
    const check = this.pool.query('SELECT 1 FROM session_tokens LIMIT 1').then(
      () => true,
      () => false,
    );
    return Promise.race([check, new Promise<boolean>((resolve) => setTimeout(resolve, 2000, false).unref())]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  private open(id: string, row: SealedRow): SessionTokens {
    const stored: SealedSessionTokens = { keyId: row.key_id, sealed: row.sealed };
    return openSessionTokens(this.keys, id, stored);
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

interface SealedRow {
  key_id: string;
  sealed: string;
}
