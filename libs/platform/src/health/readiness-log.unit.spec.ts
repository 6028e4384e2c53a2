import { ReadinessLog } from './readiness-log';

describe('the readiness log', () => {
  const recorder = () => {
    const lines: string[] = [];
    const logger = { warn: (line: string) => lines.push(`WARN ${line}`), log: (line: string) => lines.push(`INFO ${line}`) };
    return { lines, logger };
  };

  it('warns when readiness is lost or the failing checks change, not on every poll', () => {
    const { lines, logger } = recorder();
    let now = 0;
    const log = new ReadinessLog(logger, 60_000, () => now);
    log.notReady(['projections'], ['projections: decisions: rebuilding']);
    now += 1_000;
    log.notReady(['projections'], ['projections: decisions: rebuilding, 40%']);
    now += 1_000;
    log.notReady(['kafka', 'projections'], ['kafka: message: no answer', 'projections: decisions: rebuilding']);
    expect(lines).toEqual([
      'WARN not ready (projections): projections: decisions: rebuilding',
      'WARN not ready (kafka, projections): kafka: message: no answer; projections: decisions: rebuilding',
    ]);
  });

  it('reminds at most once a minute while it stays not ready, and says when it is ready again', () => {
    const { lines, logger } = recorder();
    let now = 0;
    const log = new ReadinessLog(logger, 60_000, () => now);
    log.ready();
    log.notReady(['consumers'], ['consumers: notJoined analytics: joining the group']);
    now += 59_000;
    log.notReady(['consumers'], ['consumers: notJoined analytics: joining the group']);
    now += 2_000;
    log.notReady(['consumers'], ['consumers: notJoined analytics: joining the group']);
    log.ready();
    log.ready();
    expect(lines).toEqual([
      'WARN not ready (consumers): consumers: notJoined analytics: joining the group',
      'WARN not ready (consumers): consumers: notJoined analytics: joining the group',
      'INFO ready again (was failing: consumers)',
    ]);
  });
});
