import type { Request } from 'express';
import { isRole } from '@csc/contracts';
import type { PendingSignIn } from '../sign-in/oidc/oidc-provider-client';
import type { SignedInUser } from '../sign-in/signed-in-user';

/** What the session cookie holds: who signed in (never a token; with OpenID Connect, an opaque id for the tokens kept server-side) and the CSRF synchronizer token (csrf-sync's `csrfToken`). */
interface ConsoleSession {
  user?: SignedInUser;
  csrfToken?: string | null;
  /** OpenID Connect, between /sign-in and its callback: the PKCE verifier, state and nonce (no token). */
  signingIn?: PendingSignIn;
}

export const sessionOf = (request: Request): ConsoleSession => (request.session ?? {}) as ConsoleSession;

export const signedInUserOf = (request: Request): SignedInUser | null => {
  const user = sessionOf(request).user;
  return user &&
    isRole(user.role) &&
    typeof user.org === 'string' &&
    typeof user.sub === 'string' &&
    (user.sessionId === undefined || typeof user.sessionId === 'string')
    ? user
    : null;
};
