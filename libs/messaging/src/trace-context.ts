import { randomBytes } from 'node:crypto';

/** W3C Trace Context: `00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>`. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export const isTraceparent = (value: string | undefined | null): value is string => !!value && TRACEPARENT.test(value);

/** A new span in the same trace as `parent` (or a new trace when there is none), so one referral can be followed across services. */
export const childTraceparent = (parent?: string | null): string => {
  const spanId = randomBytes(8).toString('hex');
  const match = parent ? TRACEPARENT.exec(parent) : null;
  if (match) return `00-${match[1]}-${spanId}-${match[3]}`;
  return `00-${randomBytes(16).toString('hex')}-${spanId}-01`;
};
