import { Injectable, Logger } from '@nestjs/common';
import type { AccessTokenSource, SignedInUser } from '../signed-in-user';
import { SignInRequired } from '../signed-in.guard';
import { OidcProviderClient } from './oidc-provider-client';
import { ServerSideTokens } from './server-side-tokens';

/**
 * The provider's access token for the signed-in session, from the server-side store. Near its expiry
 * it is refreshed if the provider gave a refresh token; otherwise (or if the refresh fails) the
 * session ends and the person is sent to sign in again.
 */
@Injectable()
export class OidcAccessTokens implements AccessTokenSource {
  private readonly logger = new Logger('OidcAccessTokens');

  constructor(
    private readonly store: ServerSideTokens,
    private readonly provider: OidcProviderClient,
  ) {}

  async accessTokenFor(user: SignedInUser): Promise<string> {
    const tokens = user.sessionId ? this.store.find(user.sessionId) : null;
    if (!user.sessionId || !tokens) throw new SignInRequired();
    if (OidcProviderClient.isFresh(tokens)) return tokens.accessToken;
    if (!tokens.refreshToken) return this.endSession(user.sessionId);
    try {
      const refreshed = await this.provider.refresh(tokens);
      this.store.replace(user.sessionId, refreshed);
      return refreshed.accessToken;
    } catch (error) {
      // The kind of failure only: the answer could name the person or carry a token.
      this.logger.warn(`token refresh failed (${error instanceof Error ? error.name : typeof error}); signing in again`);
      return this.endSession(user.sessionId);
    }
  }

  private endSession(sessionId: string): never {
    this.store.forget(sessionId);
    throw new SignInRequired();
  }
}
