import type { Request } from 'express';
import { isRole } from '@csc/contracts';
import type { SignedInUser } from '../sign-in/signed-in-user';

/** What the session cookie holds: who signed in (never a token) and the CSRF synchronizer token (csrf-sync's `csrfToken`). */
interface ConsoleSession {
  user?: SignedInUser;
  csrfToken?: string | null;
}

export const sessionOf = (request: Request): ConsoleSession => (request.session ?? {}) as ConsoleSession;

export const signedInUserOf = (request: Request): SignedInUser | null => {
  const user = sessionOf(request).user;
  return user && isRole(user.role) && typeof user.org === 'string' && typeof user.sub === 'string' ? user : null;
};
