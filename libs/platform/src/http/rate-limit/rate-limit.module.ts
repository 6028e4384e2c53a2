import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClientIpRateLimitGuard, TokenSubjectRateLimitGuard } from './rate-limit.guard';
import { SlidingWindowStorage } from './sliding-window-storage';

/**
 * The two rate limits, each a global guard placed by where its module is imported: Nest runs global
 * guards in the order their modules were scanned (see PlatformModule). Each keeps its counts in its
 * own in-memory storage, in this process only (SlidingWindowStorage: the library's answers at a constant
 * cost per request).
 */
@Module({})
export class RateLimitModule {
  /** Import first, before AuditTrailModule and AuthModule. */
  static perClientIp(): DynamicModule {
    return rateLimitModule(ClientIpRateLimitGuard);
  }

  /** Import after AuthModule: it counts the subject the auth guard verified. */
  static perTokenSubject(): DynamicModule {
    return rateLimitModule(TokenSubjectRateLimitGuard);
  }
}

const rateLimitModule = (guard: Type<unknown>): DynamicModule => ({
  module: RateLimitModule,
  providers: [
    { provide: SlidingWindowStorage, useFactory: () => new SlidingWindowStorage() },
    { provide: APP_GUARD, useClass: guard },
  ],
});
