import { randomUUID } from 'node:crypto';
import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import type { AuthenticatedUser } from '@csc/auth';
import type { AppendContext } from '@csc/event-store';
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

/** `If-Match: <version>` (quoted or not). Absent means "whatever is current"; the aggregate's own rules still hold. */
export const expectedVersionFrom = (ifMatch: string | undefined): number | undefined => {
  if (ifMatch === undefined) return undefined;
  const version = ifMatch.replace(/^W\//, '').replace(/"/g, '').trim();
  if (!/^\d+$/.test(version)) throw new BadRequestException(['If-Match: must be the version number from the last read or write']);
  return Number(version);
};

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A path id that must be a UUID, refused as "<name>: must be a UUID" in API.md's shape. */
export const UuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name}: must be a UUID`]) });
