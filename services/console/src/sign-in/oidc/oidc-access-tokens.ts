import { Injectable, Logger } from '@nestjs/common';
import type { AccessTokenSource, SignedInUser } from '../signed-in-user';
import { SignInRequired } from '../signed-in.guard';
import { OidcProviderClient } from './oidc-provider-client';
import { ServerSideTokens } from './server-side-tokens';
import type { SessionTokens } from './session-tokens';

/**
 * The provider's access token for the signed-in session, from the shared server-side store. Near its
 * expiry it is refreshed if the provider gave a refresh token, by one console instance at a time (the
 * others wait and take the renewed token); otherwise, or if the refresh fails, the session ends and
 * the person is sent to sign in again.
 */
@Injectable()
export class OidcAccessTokens implements AccessTokenSource {
  private readonly logger = new Logger('OidcAccessTokens');

  constructor(
    private readonly store: ServerSideTokens,
    private readonly provider: OidcProviderClient,
  ) {}

  async accessTokenFor(user: SignedInUser): Promise<string> {
    if (!user.sessionId) throw new SignInRequired();
    const tokens = await this.store.find(user.sessionId);
    if (!tokens) throw new SignInRequired();
    if (OidcProviderClient.isFresh(tokens)) return tokens.accessToken;
    if (!tokens.refreshToken) return this.endSession(user.sessionId);
    let renewed: SessionTokens | null;
    try {
      // Fresh again by the time the row is ours: another instance refreshed it meanwhile.
      renewed = await this.store.renew(user.sessionId, (current) =>
        OidcProviderClient.isFresh(current) ? Promise.resolve(current) : this.provider.refresh(current),
      );
    } catch (error) {
      // The kind of failure only: the answer could name the person or carry a token.
      this.logger.warn(`token refresh failed (${error instanceof Error ? error.name : typeof error}); signing in again`);
      return this.endSession(user.sessionId);
    }
    if (!renewed) throw new SignInRequired();
    return renewed.accessToken;
  }

  private async endSession(sessionId: string): Promise<never> {
    await this.store.forget(sessionId);
    throw new SignInRequired();
  }
}
