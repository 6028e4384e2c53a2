import type { OidcSettings } from '../../config/oidc-settings';
import { localSignInFrom } from '../local-sign-in';
import type { SignedInUser } from '../signed-in-user';

/**
 * Who signed in, from the ID token's claims: the role and organisation under the claim names the
 * provider uses, checked as the local sign-in checks them (a known role; a school's URN or an LA code).
 * Null when either is missing or does not fit: the console has nothing to show such a person.
 */
export const userFromClaims = (
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'roleClaim' | 'orgClaim'>,
): Omit<SignedInUser, 'sessionId'> | null => {
  const { sub } = claims;
  const role = claims[settings.roleClaim];
  const org = claims[settings.orgClaim];
  if (typeof sub !== 'string' || sub.length === 0 || typeof role !== 'string' || typeof org !== 'string') return null;
  const checked = localSignInFrom({ role, organisation: org });
  if ('errors' in checked) return null;
  return { sub, role: checked.user.role, org: checked.user.org };
};
