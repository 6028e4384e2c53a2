import { Inject, Injectable, Logger } from '@nestjs/common';
import * as openid from 'openid-client';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../../config/console-settings';
import type { OidcSettings } from '../../config/oidc-settings';
import type { SessionTokens } from './session-tokens';
import { claimsMissingFrom, withUserinfoClaims } from './user-from-claims';

/** What the console keeps between sending the browser to the provider and its coming back: in the signed session cookie. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** Access tokens are renewed (or the person sent to sign in again) this long before they expire, so none expires mid-call. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The console as an OpenID Connect client (openid-client): the authorisation code flow with PKCE,
 * state and nonce; every token request asks for the services' audience as the resource.
 */
@Injectable()
export class OidcProviderClient {
  private readonly logger = new Logger('OidcProviderClient');
  private readonly settings: OidcSettings;
  private configuration: Promise<openid.Configuration> | null = null;

  constructor(@Inject(CONSOLE_SETTINGS) consoleSettings: ConsoleSettings) {
    if (!consoleSettings.oidc) throw new Error('OidcProviderClient needs OIDC_ISSUER_URL');
    this.settings = consoleSettings.oidc;
  }

  async authorizationUrl(): Promise<{ url: URL; pending: PendingSignIn }> {
    const pending = { codeVerifier: openid.randomPKCECodeVerifier(), state: openid.randomState(), nonce: openid.randomNonce() };
    const url = openid.buildAuthorizationUrl(await this.provider(), {
      redirect_uri: this.settings.redirectUrl.href,
      scope: this.settings.scopes,
      code_challenge: await openid.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      resource: this.settings.resource,
    });
    return { url, pending };
  }

  /**
   * Exchanges the code; openid-client checks the state, the ID token (signature, issuer, audience,
   * nonce) and sends the PKCE verifier. The claims are the ID token's, and when it lacks the role or
   * organisation, the userinfo endpoint's for them (openid-client checks its `sub` is the ID token's).
   */
  async completeSignIn(query: string, pending: PendingSignIn): Promise<{ tokens: SessionTokens; claims: Record<string, unknown> }> {
    // The callback's URL as registered, with the query the provider sent: never built from the request's Host header.
    const callback = new URL(this.settings.redirectUrl.href);
    callback.search = query;
    const provider = await this.provider();
    const answer = await openid.authorizationCodeGrant(
      provider,
      callback,
      { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
      { resource: this.settings.resource },
    );
    const idTokenClaims: Record<string, unknown> = { ...(answer.claims() ?? {}) };
    const tokens = sessionTokensFrom(answer, null);
    // A provider without a userinfo endpoint has said all it will: the person is refused if the ID token lacked either.
    if (claimsMissingFrom(idTokenClaims, this.settings).length === 0 || !provider.serverMetadata().userinfo_endpoint)
      return { tokens, claims: idTokenClaims };
    const userinfo = await openid.fetchUserInfo(provider, answer.access_token, String(idTokenClaims.sub)).catch((error: unknown) => {
      // Refused (a token only for the services, another subject) or unreachable: the person has no role or
      // organisation from it, and is told so. The kind of failure only: the answer could carry claims.
      this.logger.warn(`userinfo gave no claims (${error instanceof Error ? error.name : typeof error})`);
      return {};
    });
    return { tokens, claims: withUserinfoClaims(idTokenClaims, { ...userinfo }, this.settings) };
  }

  async refresh(tokens: SessionTokens): Promise<SessionTokens> {
    if (!tokens.refreshToken) throw new Error('no refresh token');
    const answer = await openid.refreshTokenGrant(await this.provider(), tokens.refreshToken, { resource: this.settings.resource });
    return sessionTokensFrom(answer, tokens);
  }

  /** The provider's end_session URL, if it has one, to end its session too; else null. */
  async endSessionUrl(idToken: string | null, afterwards: URL): Promise<URL | null> {
    const provider = await this.provider();
    if (!provider.serverMetadata().end_session_endpoint) return null;
    return openid.buildEndSessionUrl(provider, {
      post_logout_redirect_uri: afterwards.href,
      ...(idToken ? { id_token_hint: idToken } : { client_id: this.settings.clientId }),
    });
  }

  static isFresh(tokens: SessionTokens): boolean {
    return tokens.expiresAt - EXPIRY_MARGIN_MS > Date.now();
  }

  /** Discovered once, on first use (so the console starts while the provider is away); a failed discovery is tried again next time. */
  private provider(): Promise<openid.Configuration> {
    this.configuration ??= openid
      .discovery(
        this.settings.issuerUrl,
        this.settings.clientId,
        this.settings.clientSecret ?? undefined,
        this.settings.clientSecret ? undefined : openid.None(),
        // Plain http only as oidc-settings allows it: to 127.0.0.1, outside production.
        this.settings.allowHttp ? { execute: [openid.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = null;
        throw error;
      });
    return this.configuration;
  }
}

const sessionTokensFrom = (
  answer: openid.TokenEndpointResponse & openid.TokenEndpointResponseHelpers,
  previous: SessionTokens | null,
): SessionTokens => ({
  accessToken: answer.access_token,
  // A provider that does not say how long a token lives: five minutes, then renewed or signed in again.
  expiresAt: Date.now() + (answer.expiresIn() ?? 300) * 1000,
  // A refresh may or may not rotate the refresh token; the ID token stays the one signed in with unless a new one comes.
  refreshToken: answer.refresh_token ?? previous?.refreshToken ?? null,
  idToken: answer.id_token ?? previous?.idToken ?? null,
});
