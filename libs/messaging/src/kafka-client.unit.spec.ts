import { isSettlingBroker } from './kafka-client';

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
