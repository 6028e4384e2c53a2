import { randomUUID } from 'node:crypto';
import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@csc/auth';
import { ConcurrencyError, type AppendContext } from '@csc/event-store';
import { childTraceparent, isTraceparent } from '@csc/messaging';

type Headers = Record<string, string | string[] | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Who acts and within which conversation: the caller, X-Correlation-Id (or a new one) and the trace. */
export const commandContextOf = (user: AuthenticatedUser, headers: Headers): AppendContext => {
  const correlation = single(headers['x-correlation-id']);
  const traceparent = single(headers.traceparent);
  return {
    actor: { sub: user.sub, role: user.role, org: user.org },
    correlationId: correlation && UUID.test(correlation) ? correlation : randomUUID(),
    causationId: null,
    traceparent: childTraceparent(isTraceparent(traceparent) ? traceparent : null),
  };
};

/**
 * `If-Match: <version>` (quoted or not, as the ETag gave it), checked before anything is read:
 * malformed is 400 naming the header. Absent is undefined: see `versionToWriteOn`.
 */
export const expectedVersionFrom = (ifMatch: string | undefined): number | undefined => {
  if (ifMatch === undefined) return undefined;
  const version = ifMatch.replace(/^W\//, '').replace(/"/g, '').trim();
  if (!/^\d+$/.test(version)) throw new BadRequestException(['If-Match: must be the version number from the last read or write']);
  return Number(version);
};

/**
 * The version every write on an existing aggregate (referral, case, episode, school) is made on,
 * decided here once for all of them. If-Match given and stale: ConcurrencyError, answered 409 with
 * the current version in the body and the ETag. If-Match absent: the current version. Why not
 * required: API.md says writes "take" If-Match, as creates "take" an Idempotency-Key, and outside
 * clients written against it (the demo, the bench, the README's calls, schools' systems) write without
 * one. A write without it still cannot lose another's: it is appended on the version it was decided
 * on, so a write racing in between is 409, and each aggregate's own rules (decided once, nothing after
 * closure) still hold.
 */
export const versionToWriteOn = (streamId: string, expectedVersion: number | undefined, currentVersion: number): number => {
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw new ConcurrencyError(streamId, expectedVersion, currentVersion);
  }
  return currentVersion;
};

/** OpenAPI: If-Match on every write on an existing aggregate, said the same way (on a controller or a route). */
export const ApiIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version from the last read or write (its ETag). Stale: 409 with the current version. Absent: the current version',
  });

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A path id that must be a UUID, refused as "<name>: must be a UUID" in API.md's shape. */
export const UuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name}: must be a UUID`]) });
