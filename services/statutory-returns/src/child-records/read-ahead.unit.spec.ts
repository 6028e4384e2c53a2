import { readAhead } from './read-ahead';

/** A fetch whose answers the test releases by hand, recording when each batch was asked for. */
const controlledFetch = () => {
  const asked: number[] = [];
  const pending = new Map<number, { resolve: (value: string) => void; reject: (error: Error) => void }>();
  const fetch = (batch: number) =>
    new Promise<string>((resolve, reject) => {
      asked.push(batch);
      pending.set(batch, { resolve, reject });
    });
  const answer = (batch: number) => pending.get(batch)!.resolve(`rows of ${batch}`);
  const fail = (batch: number) => pending.get(batch)!.reject(new Error(`batch ${batch} failed`));
  return { asked, fetch, answer, fail };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('readAhead', () => {
  it('hands over every batch in order, asking for the next before the reader has worked on this one', async () => {
    const { asked, fetch, answer } = controlledFetch();
    const reader = readAhead([1, 2, 3], fetch);
    const first = reader.next();
    expect(asked).toEqual([1]);
    answer(1);
    expect(await first).toEqual({ value: 'rows of 1', done: false });
    expect(asked).toEqual([1, 2]);
    answer(2);
    await settle();
    expect(asked).toEqual([1, 2]);
    expect(await reader.next()).toEqual({ value: 'rows of 2', done: false });
    expect(asked).toEqual([1, 2, 3]);
    answer(3);
    expect(await reader.next()).toEqual({ value: 'rows of 3', done: false });
    expect(await reader.next()).toEqual({ value: undefined, done: true });
  });

  it('asks for nothing when there is nothing to read', async () => {
    const { asked, fetch } = controlledFetch();
    expect(await readAhead([], fetch).next()).toEqual({ value: undefined, done: true });
    expect(asked).toEqual([]);
  });

  // Jest fails a test on an unhandled rejection: without readAhead's own handler, batch 2's failure is
  // one while the reader is still on batch 1, and this test fails.
  it('throws a failed fetch where the reader reaches it, not as an unhandled rejection while it reads the one before', async () => {
    const { fetch, answer, fail } = controlledFetch();
    const reader = readAhead([1, 2], fetch);
    const first = reader.next();
    answer(1);
    await first;
    fail(2);
    await settle();
    await expect(reader.next()).rejects.toThrow('batch 2 failed');
  });

  it('waits, when the reader stops early, for the fetch it had already asked for', async () => {
    const { fetch, answer } = controlledFetch();
    const reader = readAhead([1, 2, 3], fetch);
    const first = reader.next();
    answer(1);
    await first;
    let stopped = false;
    const stopping = reader.return(undefined).then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    answer(2);
    await stopping;
    expect(stopped).toBe(true);
  });
});
