import { createHash } from 'node:crypto';
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

/** A token lives at most this long after it was issued, whatever its exp says (a working day). */
const MAX_TOKEN_AGE_SECONDS = 12 * 60 * 60;
const MAX_REMEMBERED_TOKENS = 10_000;
/**
 * How long a verified token is taken on trust before its signature is checked again: should the
 * identity provider withdraw a key (JWKS), tokens signed with it are refused within this time.
 */
const REMEMBER_FOR_SECONDS = 5 * 60;

interface VerifiedToken {
  user: AuthenticatedUser;
  /** Seconds since the epoch, from the token's own claims. */
  expiresAt: number;
  issuedAt: number;
  notBefore: number;
  verifiedAt: number;
}

export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  /**
   * Tokens already verified, by a hash of the whole token (signature included, so no other token can
   * match one): a client sends the same token with each request until it expires, and checking its
   * signature again each time cost about 0.1 ms (3-4% of a referral's CPU). Each use still checks the token's time
   * claims against the clock, so a remembered token is refused from the second it would have been, and
   * the signature is checked again after REMEMBER_FOR_SECONDS.
   */
  private readonly verified = new Map<string, VerifiedToken>();

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
    const tokenHash = createHash('sha256').update(token).digest('base64');
    const remembered = this.verified.get(tokenHash);
    if (remembered && stillValid(remembered)) return remembered.user;
    if (remembered) this.verified.delete(tokenHash);
    const { user, claims } = await this.verifySignatureAndClaims(token);
    this.verified.set(tokenHash, {
      user,
      expiresAt: claims.exp!,
      issuedAt: claims.iat!,
      notBefore: claims.nbf ?? 0,
      verifiedAt: nowInSeconds(),
    });
    // Bounded: the oldest entry goes first (a Map iterates in insertion order).
    if (this.verified.size > MAX_REMEMBERED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    return user;
  }

  private async verifySignatureAndClaims(token: string): Promise<{ user: AuthenticatedUser; claims: JWTPayload }> {
    let payload: JWTPayload;
    try {
      // A token must say when it expires; none lives longer than a working day.
      const options = {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
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
    return { user: { sub, role, org }, claims: payload };
  }
}

const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** jose's own time checks (no clock tolerance), made again on each use of a remembered token, and how long it is remembered. */
const stillValid = ({ expiresAt, issuedAt, notBefore, verifiedAt }: VerifiedToken): boolean => {
  const now = nowInSeconds();
  return now < expiresAt && now >= notBefore && now - issuedAt <= MAX_TOKEN_AGE_SECONDS && now - verifiedAt < REMEMBER_FOR_SECONDS;
};
