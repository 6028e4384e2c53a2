import type { Role } from '@csc/contracts';

/** Who is using the console: what the services' tokens carry (`org` is a school's URN for SCHOOL, the LA code otherwise). */
export interface SignedInUser {
  sub: string;
  role: Role;
  org: string;
  /** With OpenID Connect: the opaque id under which the console keeps this session's tokens (ServerSideTokens). */
  sessionId?: string;
}

/**
 * The seam between the console and how people sign in. Locally the console mints a short-lived
 * token for each call (LocalAccessTokens); with OpenID Connect it hands out the identity provider's
 * access token, kept server-side and refreshed as needed (OidcAccessTokens), never the browser's business.
 */
export interface AccessTokenSource {
  accessTokenFor(user: SignedInUser): Promise<string>;
}

export const ACCESS_TOKEN_SOURCE = Symbol('ACCESS_TOKEN_SOURCE');
