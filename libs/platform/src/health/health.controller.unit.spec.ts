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
            stalled: { 'case-progression': { secondsWithoutProgress: 130, lag: 4, lastError: null } },
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
      'consumers: stalled case-progression: {"secondsWithoutProgress":130,"lag":4,"lastError":null}',
    ]);
  });

  it('names a halted relay and a projection being rebuilt, with what resumes or explains it', () => {
    expect(
      reasonsNotReady({
        status: 'error',
        info: {},
        error: {
          outboxRelay: { status: 'down', halted: 'the broker is not the one this service published to: run npm run republish' },
          projections: { status: 'down', rebuilding: { 'referrals v1': 'offsets past the end of partition 0' } },
        },
        details: {},
      }),
    ).toEqual([
      'outboxRelay: halted: the broker is not the one this service published to: run npm run republish',
      'projections: rebuilding referrals v1: offsets past the end of partition 0',
    ]);
  });
});
