import { reasonsNotReady } from './health.controller';

describe('readiness reasons', () => {
  it('says, check by check, why the service is not ready', () => {
    expect(
      reasonsNotReady({
        status: 'error',
        info: { database: { status: 'up' } },
        error: {
          kafka: { status: 'down', message: 'no answer in 2000 ms' },
          outboxRelay: { status: 'down', reason: 'not connected to the broker yet', consecutiveFailures: 2, lastError: null },
          consumers: {
            status: 'down',
            notJoined: { 'early-help': 'cannot reach the broker: Connection error', analytics: 'joining the group' },
          },
        },
        details: {},
      }),
    ).toEqual([
      'kafka: message: no answer in 2000 ms',
      'outboxRelay: reason: not connected to the broker yet',
      'outboxRelay: consecutiveFailures: 2',
      'consumers: notJoined early-help: cannot reach the broker: Connection error',
      'consumers: notJoined analytics: joining the group',
    ]);
  });
});
