/**
 * Telling a bad event from a bad moment. An event whose handler fails for its own reasons is
 * retried a few times and then parked on the dead-letter topic; a database restarting, a deadlock or
 * a lost optimistic-concurrency race says nothing about the event, so it is retried (for a bounded
 * time, heartbeating: kafka-event.server.ts) without using up its attempts. An event that waits for
 * another is a third case: set aside in `parked_events` while its partition goes on.
 */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH']);
const TRANSIENT_ERROR_NAMES = new Set([
  'ConcurrencyError',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
]);

/**
 * The event depends on another that has not been handled yet (it travels on another topic, whose
 * consumer is behind, or it was itself dead-lettered): the consumer parks it, per key, and goes on;
 * it is retried when an event of its key is handled, by a periodic sweep, and dead-lettered with
 * this reason past a bound. `awaited` names what it waits for by ids only (it reaches logs and the
 * dead-letter topic).
 */
export class WaitingForEarlierEvent extends Error {
  constructor(readonly awaited: string) {
    super(`waiting for ${awaited}`);
    this.name = 'WaitingForEarlierEvent';
  }
}

/** What the event waits for, when the error says it waits for an earlier event. */
export const awaitedEventOf = (error: unknown): string | null =>
  error instanceof Error && error.name === 'WaitingForEarlierEvent'
    ? ((error as Partial<WaitingForEarlierEvent>).awaited ?? error.message)
    : null;

/**
 * A lost optimistic-concurrency race: a retry re-reads the stream and wins. One that is lost for a
 * whole transient budget is no race but the reaction's own fault, and is counted as a failed attempt.
 */
export const isConcurrencyError = (error: unknown): boolean => error instanceof Error && error.name === 'ConcurrencyError';

const codeOf = (error: unknown): string | undefined => {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.code ?? candidate?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Errors that no retry can cure: the event itself is malformed. Parked at once. */
const PERMANENT_ERROR_NAMES = new Set(['InvalidEventDataError', 'InvalidEnvelopeError', 'UnknownSchemaVersionError']);

export const isPermanentError = (error: unknown): boolean => error instanceof Error && PERMANENT_ERROR_NAMES.has(error.name);

export const isTransientError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_ERROR_NAMES.has(error.name)) return true;
  const code = codeOf(error);
  if (code && (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08') || TRANSIENT_SOCKET_CODES.has(code))) return true;
  // node-postgres reports a dropped or unobtainable connection without a code.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(error.message);
};

/**
 * An error as it may be logged or kept on a dead-letter topic (kept forever, outside any subject
 * that crypto-shredding could erase): PostgreSQL errors by code and constraint only (their messages
 * can quote input values), JSON errors by name only (they quote the text), others by name and message.
 */
export const describeErrorSafely = (error: unknown): string => {
  if (!(error instanceof Error)) return typeof error === 'string' ? error.slice(0, 300) : 'non-error thrown';
  const code = codeOf(error);
  const constraint =
    (error as { constraint?: string; driverError?: { constraint?: string } }).constraint ??
    (error as { driverError?: { constraint?: string } }).driverError?.constraint;
  if (code && /^[0-9A-Z]{5}$/.test(code)) return `${error.name} SQLSTATE ${code}${constraint ? ` on ${constraint}` : ''}`;
  if (error instanceof SyntaxError) return error.name;
  return `${error.name}: ${error.message}`.slice(0, 500);
};
