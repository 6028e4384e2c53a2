import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import type { TestDatabase } from '@csc/testing';
import { LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS } from '../../config/token-store-settings';
import { createConsoleTestDatabase } from '../../../test/token-store-database';
import { ServerSideTokens } from './server-side-tokens';
import type { SessionTokens } from './session-tokens';

const tokensFor = (label: string, expiresIn = 5 * 60_000): SessionTokens => ({
  accessToken: `eyJ.${label}-access.${randomBytes(8).toString('hex')}`,
  expiresAt: Date.now() + expiresIn,
  refreshToken: `${label}-refresh-${randomBytes(8).toString('hex')}`,
  idToken: `eyJ.${label}-id.${randomBytes(8).toString('hex')}`,
});

/** Two console instances' stores over one database, as its app role, the way the console runs. */
describe("the console's shared store of OpenID Connect sessions' tokens (PostgreSQL)", () => {
  let database: TestDatabase & { appRoleUrl: string };
  const stores: ServerSideTokens[] = [];
  const storeOf = (sessionLifetimeMs?: number) => {
    const store = new ServerSideTokens({ databaseUrl: database.appRoleUrl, keys: LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS }, sessionLifetimeMs);
    stores.push(store);
    return store;
  };
  const storedRows = () => database.dataSource.query('SELECT * FROM session_tokens') as Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    database = await createConsoleTestDatabase('tokens');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.onModuleDestroy()));
    await database?.drop();
  });

  it('serves a session kept by one instance from another, and ends it for both at sign-out', async () => {
    const [first, second] = [storeOf(), storeOf()];
    const tokens = tokensFor('shared');
    const sessionId = await first.keep(tokens);
    await expect(second.find(sessionId)).resolves.toEqual(tokens);
    await second.forget(sessionId);
    await expect(first.find(sessionId)).resolves.toBeNull();
    await expect(first.renew(sessionId, () => Promise.reject(new Error('not called')))).resolves.toBeNull();
  });

  it('refreshes a session once when two instances renew it at the same time: the second takes the first one’s tokens', async () => {
    const [first, second] = [storeOf(), storeOf()];
    const sessionId = await first.keep(tokensFor('expiring', 1_000));
    const renewed = tokensFor('renewed');
    let refreshes = 0;
    // As OidcAccessTokens does: refresh only what is not fresh by the time the row is held.
    const renewIfStale = async (current: SessionTokens) => {
      if (current.expiresAt > Date.now() + 30_000) return current;
      refreshes += 1;
      await sleep(300); // the provider's answer takes a while: the other instance must wait for it, not refresh too
      return renewed;
    };
    const both = await Promise.all([first.renew(sessionId, renewIfStale), second.renew(sessionId, renewIfStale)]);
    expect(both).toEqual([renewed, renewed]);
    expect(refreshes).toBe(1);
    await expect(storeOf().find(sessionId)).resolves.toEqual(renewed);
  });

  it('keeps the tokens as they were when a renewal fails', async () => {
    const store = storeOf();
    const tokens = tokensFor('kept');
    const sessionId = await store.keep(tokens);
    await expect(store.renew(sessionId, () => Promise.reject(new Error('invalid_grant')))).rejects.toThrow('invalid_grant');
    await expect(store.find(sessionId)).resolves.toEqual(tokens);
  });

  it('ends a session with its lifetime, and deletes ended rows as new sessions start', async () => {
    const shortLived = storeOf(200);
    const sessionId = await shortLived.keep(tokensFor('short'));
    await expect(shortLived.find(sessionId)).resolves.not.toBeNull();
    await sleep(400);
    await expect(shortLived.find(sessionId)).resolves.toBeNull();
    const before = (await storedRows()).length;
    await storeOf().keep(tokensFor('next'));
    const after = await storedRows();
    expect(after.length).toBe(before); // one ended row gone, one new row
    expect(after.every((row) => new Date(row.ends_at as string).getTime() > Date.now())).toBe(true);
  });

  it('stores neither the tokens nor the session id in the clear', async () => {
    const tokens = tokensFor('secret');
    const sessionId = await storeOf().keep(tokens);
    const stored = JSON.stringify(await storedRows());
    for (const secret of [tokens.accessToken, tokens.refreshToken!, tokens.idToken!, sessionId]) expect(stored).not.toContain(secret);
    expect(stored).not.toContain('secret-access');
  });

  it('says whether it answers, for readiness', async () => {
    await expect(storeOf().answers()).resolves.toBe(true);
    const missing = new URL(database.appRoleUrl);
    missing.pathname = '/csc_console_never_made';
    const elsewhere = new ServerSideTokens({ databaseUrl: missing.toString(), keys: LOCAL_DEVELOPMENT_CONSOLE_TOKEN_KEYS });
    stores.push(elsewhere);
    await expect(elsewhere.answers()).resolves.toBe(false);
  });
});
