import type { OidcSettings } from '../../config/oidc-settings';
import { localSignInFrom } from '../local-sign-in';
import type { SignedInUser } from '../signed-in-user';

type ClaimNames = Pick<OidcSettings, 'roleClaim' | 'orgClaim'>;

/**
 * The role and organisation claims (by the names the provider uses) the ID token does not carry.
 * Many providers (Entra ID, Keycloak by default) release them only at the userinfo endpoint, which is
 * then asked; none missing, and the sign-in needs no second request.
 */
export const claimsMissingFrom = (idTokenClaims: Record<string, unknown>, names: ClaimNames): string[] =>
  [names.roleClaim, names.orgClaim].filter((name) => idTokenClaims[name] === undefined);

/**
 * The ID token's claims, with the role or organisation it lacks taken from the userinfo answer. The ID
 * token wins wherever it speaks (it is signed; userinfo is only trusted as the same subject's, which
 * openid-client checks), and nothing else is taken from userinfo: the console reads no other claim.
 */
export const withUserinfoClaims = (
  idTokenClaims: Record<string, unknown>,
  userinfo: Record<string, unknown>,
  names: ClaimNames,
): Record<string, unknown> => {
  const merged = { ...idTokenClaims };
  for (const name of claimsMissingFrom(idTokenClaims, names)) if (userinfo[name] !== undefined) merged[name] = userinfo[name];
  return merged;
};

/**
 * Who signed in, from the claims (the ID token's, completed from userinfo): the role and organisation
 * under the claim names the provider uses, checked as the local sign-in checks them (a known role; a
 * school's URN or an LA code). Null when either is missing or does not fit: the console has nothing to
 * show such a person.
 */
export const userFromClaims = (claims: Record<string, unknown>, settings: ClaimNames): Omit<SignedInUser, 'sessionId'> | null => {
  const { sub } = claims;
  const role = claims[settings.roleClaim];
  const org = claims[settings.orgClaim];
  if (typeof sub !== 'string' || sub.length === 0 || typeof role !== 'string' || typeof org !== 'string') return null;
  const checked = localSignInFrom({ role, organisation: org });
  if ('errors' in checked) return null;
  return { sub, role: checked.user.role, org: checked.user.org };
};
