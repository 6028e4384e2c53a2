import { SignInRequired } from '../signed-in.guard';
import { OidcAccessTokens } from './oidc-access-tokens';
import type { OidcProviderClient } from './oidc-provider-client';
import type { ServerSideTokens } from './server-side-tokens';
import type { SessionTokens } from './session-tokens';

const MINUTE = 60_000;
const tokens = (accessToken: string, expiresIn: number, refreshToken: string | null = null): SessionTokens => ({
  accessToken,
  expiresAt: Date.now() + expiresIn,
  refreshToken,
  idToken: null,
});

/** The shared store's contract in memory (its PostgreSQL behaviour is server-side-tokens.int.spec.ts's). */
class TokensInMemory {
  readonly sessions = new Map<string, SessionTokens>();
  /** What `find` reads, when it is to lag behind the store (another instance renewed the tokens since). */
  staleRead: SessionTokens | null = null;

  keep(kept: SessionTokens): Promise<string> {
    const id = `session-${this.sessions.size + 1}`;
    this.sessions.set(id, kept);
    return Promise.resolve(id);
  }

  find(id: string): Promise<SessionTokens | null> {
    return Promise.resolve(this.staleRead ?? this.sessions.get(id) ?? null);
  }

  async renew(id: string, renew: (current: SessionTokens) => Promise<SessionTokens>): Promise<SessionTokens | null> {
    const current = this.sessions.get(id);
    if (!current) return null;
    const renewed = await renew(current);
    this.sessions.set(id, renewed);
    return renewed;
  }

  forget(id: string): Promise<void> {
    this.sessions.delete(id);
    return Promise.resolve();
  }
}

describe("the provider's access token for a signed-in session", () => {
  const user = { sub: 'u-1', role: 'FRONT_DOOR' as const, org: 'LA888' };
  const setUp = (refresh: () => Promise<SessionTokens>) => {
    const store = new TokensInMemory();
    const refreshes = jest.fn(refresh);
    const source = new OidcAccessTokens(store as unknown as ServerSideTokens, { refresh: refreshes } as unknown as OidcProviderClient);
    return { store, source, refreshes };
  };

  it('hands out the kept token while it is fresh', async () => {
    const { store, source } = setUp(() => Promise.reject(new Error('not called')));
    const sessionId = await store.keep(tokens('fresh', 5 * MINUTE));
    await expect(source.accessTokenFor({ ...user, sessionId })).resolves.toBe('fresh');
  });

  it('refreshes a token about to expire, and keeps the new one', async () => {
    const { store, source } = setUp(() => Promise.resolve(tokens('renewed', 5 * MINUTE, 'r-2')));
    const sessionId = await store.keep(tokens('old', 10_000, 'r-1'));
    await expect(source.accessTokenFor({ ...user, sessionId })).resolves.toBe('renewed');
    expect(store.sessions.get(sessionId)?.refreshToken).toBe('r-2');
  });

  it('takes the token another instance renewed while it waited for the session, refreshing nothing itself', async () => {
    const { store, source, refreshes } = setUp(() => Promise.reject(new Error('not called')));
    const sessionId = await store.keep(tokens('renewed-elsewhere', 5 * MINUTE, 'r-2'));
    store.staleRead = tokens('old', 10_000, 'r-1');
    await expect(source.accessTokenFor({ ...user, sessionId })).resolves.toBe('renewed-elsewhere');
    expect(refreshes).not.toHaveBeenCalled();
  });

  it.each([
    ['no refresh token', null, () => Promise.reject(new Error('not called'))],
    ['a refused refresh', 'r-1', () => Promise.reject(new Error('invalid_grant'))],
  ])('sends the person to sign in again, ending the session, after %s', async (_case, refreshToken, refresh) => {
    const { store, source } = setUp(refresh);
    const sessionId = await store.keep(tokens('expired', -MINUTE, refreshToken));
    await expect(source.accessTokenFor({ ...user, sessionId })).rejects.toBeInstanceOf(SignInRequired);
    expect(store.sessions.has(sessionId)).toBe(false);
  });

  it('sends a session it does not know (signed out, or ended) to sign in', async () => {
    const { source } = setUp(() => Promise.reject(new Error('not called')));
    await expect(source.accessTokenFor({ ...user, sessionId: 'unknown' })).rejects.toBeInstanceOf(SignInRequired);
    await expect(source.accessTokenFor(user)).rejects.toBeInstanceOf(SignInRequired);
  });
});
