import { keepConnecting } from './keep-connecting';

describe('keepConnecting', () => {
  it('tries again after each failure, waiting longer up to the bound, until it connects', async () => {
    let attempts = 0;
    const waits: number[] = [];
    const connected = await keepConnecting(
      async () => {
        attempts += 1;
        if (attempts < 5) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:1');
      },
      { signal: new AbortController().signal, onWaiting: (_reason, wait) => waits.push(wait), firstDelayMs: 1, maxDelayMs: 4 },
    );
    expect(connected).toBe(true);
    expect(waits).toEqual([1, 2, 4, 4]);
  });

  it('says why it is waiting, and stops trying (and waiting a minute) when the service stops', async () => {
    const stop = new AbortController();
    const reasons: string[] = [];
    const connected = await keepConnecting(
      async () => {
        throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:1');
      },
      {
        signal: stop.signal,
        onWaiting: (reason) => {
          reasons.push(reason);
          stop.abort();
        },
        firstDelayMs: 60_000,
      },
    );
    expect(connected).toBe(false);
    expect(reasons).toEqual(['Error: Connection error: connect ECONNREFUSED 127.0.0.1:1']);
  });
});
