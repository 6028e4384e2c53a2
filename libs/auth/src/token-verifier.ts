import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole } from '@csc/contracts';
import type { AuthenticatedUser } from './authenticated-user';

export interface TokenVerifierConfig {
  /** HS256 shared secret (local development and tests). */
  secret?: string;
  /** RS256 keys published by the identity provider (production). Takes precedence over `secret`. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: TokenVerifierConfig) {
    if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl));
      this.algorithms = ['RS256'];
    } else if (config.secret) {
      this.key = new TextEncoder().encode(config.secret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('auth: configure JWT_JWKS_URL (RS256) or JWT_SECRET (HS256)');
    }
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    let payload: JWTPayload;
    try {
      // A token must say when it expires; none lives longer than a working day.
      const options = {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
        maxTokenAge: '12h',
      };
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw new InvalidTokenError(`token rejected (${(error as { code?: string }).code ?? 'invalid'})`);
    }
    const { sub, role, org } = payload as JWTPayload & { role?: unknown; org?: unknown };
    if (typeof sub !== 'string' || sub.length === 0) throw new InvalidTokenError('token has no sub claim');
    if (!isRole(role)) throw new InvalidTokenError('token role claim is not one of the known roles');
    if (typeof org !== 'string' || org.length === 0) throw new InvalidTokenError('token has no org claim');
    return { sub, role, org };
  }
}
