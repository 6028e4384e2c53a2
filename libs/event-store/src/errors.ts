/** Someone else appended to the stream first: the caller's decision was made on stale state (HTTP 409). */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/** The same event id was appended twice: a retried command that already succeeded. */
export class DuplicateEventError extends Error {
  constructor(readonly eventIds: string[]) {
    super(`event already appended: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventError';
  }
}

/**
 * The child's personal data was erased (their key destroyed): the record can no longer be read as a
 * whole or written to (HTTP 410). What remains is ids and coarse facts, for counting.
 */
export class PersonalDataErasedError extends Error {
  constructor(readonly what: string) {
    super(`${what}: the child's personal data has been erased`);
    this.name = 'PersonalDataErasedError';
  }
}
