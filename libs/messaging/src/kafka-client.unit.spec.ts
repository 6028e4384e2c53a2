import { isHandledByKafkajs, isSettlingBroker } from './kafka-client';

describe("kafkajs's errors while a broker settles", () => {
  it('are the retried answers of a broker electing leaders and loading its group coordinator', () => {
    for (const answer of [
      "The coordinator is loading and hence can't process requests for this group",
      'The group coordinator is not available',
      'This is not the correct coordinator for this group',
      'There is no leader for this topic-partition as we are in the middle of a leadership election',
      'This server is not the leader for that topic-partition',
    ]) {
      expect([answer, isSettlingBroker(answer)]).toEqual([answer, true]);
    }
  });

  it('are not any other failure', () => {
    for (const other of ['Topic authorization failed', 'SASL SCRAM SHA512 authentication failed', 'Connection timeout', undefined, 42]) {
      expect([other, isSettlingBroker(other)]).toEqual([other, false]);
    }
  });
});

describe("kafkajs's ERRORs it handles itself", () => {
  it('include resetting an offset the log does not hold (a log replaced under kept offsets)', () => {
    expect(
      isHandledByKafkajs({
        message: 'Response Fetch(key: 1, version: 11)',
        error: 'The requested offset is not within the range of offsets maintained by the server',
      }),
    ).toBe(true);
    expect(isHandledByKafkajs({ message: 'Offset out of range, resetting to default offset' })).toBe(true);
  });

  it('include a settling broker, and nothing else', () => {
    expect(isHandledByKafkajs({ message: 'Response GroupCoordinator', error: 'The group coordinator is not available' })).toBe(true);
    expect(isHandledByKafkajs({ message: 'Crash: KafkaJSNonRetriableError', error: 'Topic authorization failed' })).toBe(false);
    expect(isHandledByKafkajs({ message: 'Connection error: connect ECONNREFUSED 127.0.0.1:19092' })).toBe(false);
  });
});
