import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { SkipThrottle, ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '@csc/auth';
import { SlidingWindowStorage } from './sliding-window-storage';

const CLIENT_IP = 'client-ip';
const TOKEN_SUBJECT = 'token-subject';

/** Routes no limit applies to: health, which orchestrators poll as often as they like. */
export const NotRateLimited = () => SkipThrottle({ [CLIENT_IP]: true, [TOKEN_SUBJECT]: true });

interface RateLimit {
  name: typeof CLIENT_IP | typeof TOKEN_SUBJECT;
  /** Whose budget, in the 429's message. */
  per: string;
  limit: number;
  windowSeconds: number;
}

/**
 * One budget per caller across all of the service's routes (the library's default key is per route),
 * counted in this process's memory: with N instances behind a balancer a caller may make up to N times
 * the limit, which is why the limits are generous and meant against floods, not for exact quotas.
 * Over the limit: 429 with Retry-After and docs/http-api.md's error shape, before the handler runs (nothing written).
 */
abstract class RateLimitGuard extends ThrottlerGuard {
  protected constructor(
    private readonly rateLimit: RateLimit,
    storage: SlidingWindowStorage,
    reflector: Reflector,
  ) {
    super(
      {
        throttlers: [{ name: rateLimit.name, limit: rateLimit.limit, ttl: rateLimit.windowSeconds * 1000 }],
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
        // Retry-After is set on a refusal only (below); the library's headers would carry the limit's name as a suffix.
        setHeaders: false,
      },
      storage,
      reflector,
    );
  }

  /** Kafka reactions pass through guards too: they are not callers. */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async throwThrottlingException(context: ExecutionContext, { timeToBlockExpire }: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    const { limit, windowSeconds, per } = this.rateLimit;
    throw new ThrottlerException(`rate limit: at most ${limit} requests per ${windowSeconds} s ${per}; retry after ${retryAfter} s`);
  }
}

// The guards name what they inject (@Inject): ThrottlerGuard's own tokens would otherwise be inherited.

/**
 * Every request, token or not, counted against its client IP (the library's tracker: the address
 * Express gives, TRUSTED_PROXY_HOPS deep in X-Forwarded-For, an IPv6 client by its /64). Runs before
 * the audit and auth guards: a flood is refused before it costs a token verification or an audit row.
 */
@Injectable()
export class ClientIpRateLimitGuard extends RateLimitGuard {
  constructor(
    @Inject(ConfigService) config: ConfigService,
    @Inject(SlidingWindowStorage) storage: SlidingWindowStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(
      {
        name: CLIENT_IP,
        per: 'per client IP',
        limit: config.getOrThrow<number>('RATE_LIMIT_PER_IP'),
        windowSeconds: config.getOrThrow<number>('RATE_LIMIT_WINDOW_SECONDS'),
      },
      storage,
      reflector,
    );
  }
}

/**
 * Requests counted against the token's verified `sub@org`. Runs after the auth guard and reads only
 * what it verified: a subject taken from an unchecked token would let anyone spend another's budget
 * or spread a flood over invented subjects. Routes open without a token have no subject to count.
 */
@Injectable()
export class TokenSubjectRateLimitGuard extends RateLimitGuard {
  constructor(
    @Inject(ConfigService) config: ConfigService,
    @Inject(SlidingWindowStorage) storage: SlidingWindowStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(
      {
        name: TOKEN_SUBJECT,
        per: 'per token',
        limit: config.getOrThrow<number>('RATE_LIMIT_PER_SUBJECT'),
        windowSeconds: config.getOrThrow<number>('RATE_LIMIT_WINDOW_SECONDS'),
      },
      storage,
      reflector,
    );
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (await super.shouldSkip(context)) || !verifiedUserOf(context);
  }

  protected override async getTracker(request: Request & { user?: AuthenticatedUser }): Promise<string> {
    return `${request.user!.sub}@${request.user!.org}`;
  }
}

const verifiedUserOf = (context: ExecutionContext): AuthenticatedUser | undefined =>
  context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
