import type { Role } from '@csc/contracts';
import { mintToken } from '@csc/auth';
import { LOCAL_DEVELOPMENT_JWT_SECRET } from '@csc/platform';

/** An HS256 token for local use, signed as the services here verify it: JWT_SECRET, or the local development secret. */
export const localToken = (claims: { sub: string; role: Role; org: string }, expiresIn = '8h'): Promise<string> =>
  mintToken(claims, {
    secret: process.env.JWT_SECRET ?? LOCAL_DEVELOPMENT_JWT_SECRET,
    issuer: process.env.JWT_ISSUER ?? 'csc-local',
    audience: process.env.JWT_AUDIENCE ?? 'csc-services',
    expiresIn,
  });
