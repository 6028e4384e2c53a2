import { SignInRequired } from '../signed-in.guard';
import { OidcAccessTokens } from './oidc-access-tokens';
import type { OidcProviderClient } from './oidc-provider-client';
import { ServerSideTokens, type SessionTokens } from './server-side-tokens';

const MINUTE = 60_000;
const tokens = (accessToken: string, expiresIn: number, refreshToken: string | null = null): SessionTokens => ({
  accessToken,
  expiresAt: Date.now() + expiresIn,
  refreshToken,
  idToken: null,
});

describe("the provider's access token for a signed-in session", () => {
  const user = { sub: 'u-1', role: 'FRONT_DOOR' as const, org: 'LA888' };
  const setUp = (refresh: () => Promise<SessionTokens>) => {
    const store = new ServerSideTokens();
    const source = new OidcAccessTokens(store, { refresh } as unknown as OidcProviderClient);
    return { store, source };
  };

  it('hands out the kept token while it is fresh', async () => {
    const { store, source } = setUp(() => Promise.reject(new Error('not called')));
    const sessionId = store.keep(tokens('fresh', 5 * MINUTE));
    await expect(source.accessTokenFor({ ...user, sessionId })).resolves.toBe('fresh');
  });

  it('refreshes a token about to expire, and keeps the new one', async () => {
    const { store, source } = setUp(() => Promise.resolve(tokens('renewed', 5 * MINUTE, 'r-2')));
    const sessionId = store.keep(tokens('old', 10_000, 'r-1'));
    await expect(source.accessTokenFor({ ...user, sessionId })).resolves.toBe('renewed');
    expect(store.find(sessionId)?.refreshToken).toBe('r-2');
  });

  it.each([
    ['no refresh token', null, () => Promise.reject(new Error('not called'))],
    ['a refused refresh', 'r-1', () => Promise.reject(new Error('invalid_grant'))],
  ])('sends the person to sign in again, ending the session, after %s', async (_case, refreshToken, refresh) => {
    const { store, source } = setUp(refresh);
    const sessionId = store.keep(tokens('expired', -MINUTE, refreshToken));
    await expect(source.accessTokenFor({ ...user, sessionId })).rejects.toBeInstanceOf(SignInRequired);
    expect(store.find(sessionId)).toBeNull();
  });

  it('sends a session it does not know (signed out, or the console restarted) to sign in', async () => {
    const { source } = setUp(() => Promise.reject(new Error('not called')));
    await expect(source.accessTokenFor({ ...user, sessionId: 'unknown' })).rejects.toBeInstanceOf(SignInRequired);
    await expect(source.accessTokenFor(user)).rejects.toBeInstanceOf(SignInRequired);
  });
});
