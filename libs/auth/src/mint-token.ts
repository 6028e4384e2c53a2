import { SignJWT } from 'jose';
import type { AuthenticatedUser } from './authenticated-user';

export interface MintOptions {
  secret: string;
  issuer: string;
  audience: string;
  /** e.g. '8h', '15m'; verifiers accept at most 12 hours */
  expiresIn?: string;
}

/** HS256 tokens for local use and tests; production tokens come from the identity provider. */
export const mintToken = async (user: AuthenticatedUser, options: MintOptions): Promise<string> =>
  new SignJWT({ role: user.role, org: user.org })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(options.secret));
