/**
 * Fetches `batches` in order, one ahead of the reader: the next batch is asked for as soon as this one
 * is handed over, so the database reads it (on another core) while the reader works on this one. At
 * most two batches are held at once. A failed fetch is thrown where the reader reaches it; a reader
 * that stops early leaves no fetch of its own still running (the transaction it read in may end next).
 */
export async function* readAhead<TBatch, TFetched>(
  batches: TBatch[],
  fetch: (batch: TBatch) => Promise<TFetched>,
): AsyncGenerator<TFetched> {
  const start = (batch: TBatch): Promise<TFetched> => {
    const fetched = fetch(batch);
    // Handled here too, so a failure surfaces where it is awaited rather than as an unhandled rejection meanwhile.
    fetched.catch(() => undefined);
    return fetched;
  };
  let next = batches.length > 0 ? start(batches[0]) : undefined;
  try {
    for (let at = 0; at < batches.length; at++) {
      const fetched = await next!;
      next = at + 1 < batches.length ? start(batches[at + 1]) : undefined;
      yield fetched;
    }
  } finally {
    await next?.catch(() => undefined);
  }
}
