import { randomUUID } from 'node:crypto';
import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@csc/auth';
import { ConcurrencyError, type AppendContext } from '@csc/event-store';
import { currentConversation, isTraceparent, traceparentHere, type Conversation } from '@csc/tracing';

type Headers = Record<string, string | string[] | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The request's conversation: X-Correlation-Id (or a new one) and its place in the trace (traceparent, or a new trace). */
export const conversationOf = (headers: Headers): Conversation => {
  const correlation = single(headers['x-correlation-id']);
  const traceparent = single(headers.traceparent);
  return {
    correlationId: correlation && UUID.test(correlation) ? correlation : randomUUID(),
    traceparent: traceparentHere(isTraceparent(traceparent) ? traceparent : null),
  };
};

/**
 * Who acts and within which conversation: the caller, and the conversation the request was given when
 * it arrived (so the events it writes and its log lines say the same), else one from its headers.
 */
export const commandContextOf = (user: AuthenticatedUser, headers: Headers): AppendContext => {
  const { correlationId, traceparent } = currentConversation() ?? conversationOf(headers);
  return { actor: { sub: user.sub, role: user.role, org: user.org }, correlationId, causationId: null, traceparent };
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
 * Whether a kind of record's writes must say which version they were decided on. A case or an early
 * help episode is worked on for weeks by several practitioners: a write made on what someone read
 * yesterday must not land on what a colleague recorded since (the lost update If-Match exists for),
 * so their writes require it (docs/http-api.md: "All writes take If-Match"). A referral's writes are guarded by
 * its own rules (it is decided once; information requests and answers only add), and a school's
 * webhook is replaced whole: there If-Match is checked when sent, and outside clients written
 * without it (schools' systems, the demo, the README's calls) keep working.
 */
export type IfMatchRule = 'required' | 'optional';

/**
 * The version every write on an existing aggregate (referral, case, episode, school) is made on,
 * decided here once for all of them. If-Match given and stale: ConcurrencyError, answered 409 with
 * the current version in the body and the ETag. Absent: 400 where the rule requires it, else the
 * current version (still appended on that version, so a write racing in between is 409).
 */
export const versionToWriteOn = (
  streamId: string,
  expectedVersion: number | undefined,
  currentVersion: number,
  rule: IfMatchRule,
): number => {
  if (expectedVersion === undefined && rule === 'required') {
    throw new BadRequestException(['If-Match: required: the version from your last read or write of this record (its ETag)']);
  }
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw new ConcurrencyError(streamId, expectedVersion, currentVersion);
  }
  return currentVersion;
};

/** OpenAPI: If-Match on every write on an existing aggregate, said the same way (on a controller or a route). */
export const ApiIfMatch = (rule: IfMatchRule) =>
  ApiHeader({
    name: 'If-Match',
    required: rule === 'required',
    description:
      rule === 'required'
        ? 'The version from the last read or write (its ETag). Stale: 409 with the current version. Required'
        : 'The version from the last read or write (its ETag). Stale: 409 with the current version. Absent: the current version',
  });

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A path id that must be a UUID, refused as "<name>: must be a UUID" in docs/http-api.md's shape. */
export const UuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name}: must be a UUID`]) });
