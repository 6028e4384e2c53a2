import { brokerProblem } from './broker-log';

const published = { transactionId: '812', clusterId: 'cluster-a', publishedCount: 40n };

describe('brokerProblem: whether the broker holds what the relay published to it', () => {
  it('finds none on the broker published to, while its topic holds at least what was published', () => {
    expect(brokerProblem('t', published, { clusterId: 'cluster-a', records: 40n })).toBeNull();
    expect(brokerProblem('t', published, { clusterId: 'cluster-a', records: 52n })).toBeNull(); // at-least-once duplicates
  });

  it('names another cluster', () => {
    expect(brokerProblem('t', published, { clusterId: 'cluster-b', records: 900n })).toMatch(
      /cluster cluster-b\) is not the one this service published to \(cluster cluster-a\).*npm run republish/,
    );
  });

  it('names a topic holding fewer records than were published to it, also before any cluster was recorded', () => {
    expect(brokerProblem('t', { ...published, clusterId: null }, { clusterId: 'cluster-a', records: 7n })).toMatch(
      /topic t holds 7 records but this service published 40 to it/,
    );
  });

  it('finds none for a checkpoint at the beginning: publishing from there makes any broker whole', () => {
    expect(
      brokerProblem('t', { transactionId: '0', clusterId: 'cluster-a', publishedCount: 0n }, { clusterId: 'b', records: 0n }),
    ).toBeNull();
  });
});
