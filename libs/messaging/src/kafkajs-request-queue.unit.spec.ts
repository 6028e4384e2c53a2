/**
 * kafkajs 2.2.4 is patched (patches/kafkajs+2.2.4.patch, applied by `npm install`'s postinstall): its
 * request queue scheduled a check of pending requests after every request, even with none pending, at
 * a negative delay, so every connection it had ever used woke its process about a thousand times a
 * second for ever (kafkajs#1556, #1704; the fix upstream was never released). Idle, referral-intake spent
 * 84 to 133 ms of CPU a second on it (about 37 with the patch). The first test fails on the unpatched queue; the next two check
 * that what the check is for (requests held back by client-side throttling or the in-flight limit) still goes out.
 * The patch also looks for timed-out requests every second rather than every 100 ms: that look runs
 * for every connection, idle or not (about 23 ms of CPU a second less across the idle system). The
 * fourth test fails without that part; the last checks a request still times out.
 */
interface PushedRequest {
  entry: {
    correlationId: number;
    apiName: string;
    apiKey: number;
    apiVersion: number;
    resolve: () => void;
    reject: (error: unknown) => void;
  };
  expectResponse: boolean;
  sendRequest: () => void;
  requestTimeout?: number;
}

interface RequestQueue {
  throttleCheckTimeoutId: unknown;
  scheduleRequestTimeoutCheck(): void;
  throttledUntil: number;
  push(request: PushedRequest): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  destroy(): void;
}

const RequestQueueClass = jest.requireActual<new (options: Record<string, unknown>) => RequestQueue>('kafkajs/src/network/requestQueue');

const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const aQueue = (
  maxInFlightRequests: number | null = null,
  timeouts: { enforceRequestTimeout?: boolean; isConnected?: () => boolean } = {},
): RequestQueue =>
  new RequestQueueClass({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: '127.0.0.1:9092',
    logger: quietLogger,
    ...timeouts,
  });

const aRequest = (correlationId: number, sent: number[]): PushedRequest => ({
  entry: { correlationId, apiName: 'Fetch', apiKey: 1, apiVersion: 11, resolve: () => undefined, reject: () => undefined },
  expectResponse: true,
  sendRequest: () => sent.push(correlationId),
});

describe("kafkajs's request queue, as patched", () => {
  let queue: RequestQueue;
  afterEach(() => {
    queue.destroy();
    jest.useRealTimers();
  });

  it('schedules nothing once a request is answered and nothing is pending: an idle connection does not wake its process', () => {
    queue = aQueue();
    const sent: number[] = [];
    queue.push(aRequest(1, sent));

    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });

    expect(sent).toEqual([1]);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('sends a request held back by client-side throttling once the throttle ends', () => {
    jest.useFakeTimers();
    queue = aQueue();
    const sent: number[] = [];
    queue.throttledUntil = Date.now() + 50;

    queue.push(aRequest(1, sent));
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(60);

    expect(sent).toEqual([1]);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('sends a request held back by the in-flight limit when the one before it is answered', () => {
    queue = aQueue(1);
    const sent: number[] = [];
    queue.push(aRequest(1, sent));
    queue.push(aRequest(2, sent));
    expect(sent).toEqual([1]);

    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });

    expect(sent).toEqual([1, 2]);
  });

  it('looks for timed-out requests once a second, not ten times: the look runs on every connection, idle or not', () => {
    jest.useFakeTimers();
    let looks = 0;
    queue = aQueue(null, { enforceRequestTimeout: true, isConnected: () => (looks += 1) > 0 });
    queue.scheduleRequestTimeoutCheck();

    jest.advanceTimersByTime(10_000);

    expect(looks).toBe(10);
  });

  it('still times a request out, at most a second late', () => {
    jest.useFakeTimers();
    queue = aQueue(null, { enforceRequestTimeout: true });
    queue.scheduleRequestTimeoutCheck();
    const failures: unknown[] = [];
    const request = aRequest(1, []);
    request.entry.reject = (error: unknown) => {
      failures.push(error);
    };
    queue.push(request);

    jest.advanceTimersByTime(30_000);
    expect(failures).toEqual([]);
    jest.advanceTimersByTime(1_000);

    expect(failures).toEqual([expect.objectContaining({ name: 'KafkaJSRequestTimeoutError' })]);
  });
});
