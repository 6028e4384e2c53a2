import { Logger } from '@nestjs/common';

/**
 * What the log says about readiness: a warning when the service stops being ready or the checks
 * failing change, a reminder at most once a minute while it stays so, and a line when it is ready
 * again. Not ready is a state (a start-up, a rebuild, a broker away), not a fault: /health/ready
 * and the metrics carry it; an ERROR on every poll would bury the faults that are.
 */
export class ReadinessLog {
  private lastFailing: string | undefined;
  private lastWarnedAt = 0;

  constructor(
    private readonly logger: Pick<Logger, 'warn' | 'log'> = new Logger('readiness'),
    private readonly remindEveryMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  notReady(failingChecks: string[], reasons: string[]): void {
    const failing = [...failingChecks].sort().join(', ');
    if (failing === this.lastFailing && this.now() - this.lastWarnedAt < this.remindEveryMs) return;
    this.logger.warn(`not ready (${failing}): ${reasons.join('; ')}`);
    this.lastFailing = failing;
    this.lastWarnedAt = this.now();
  }

  ready(): void {
    if (this.lastFailing === undefined) return;
    this.logger.log(`ready again (was failing: ${this.lastFailing})`);
    this.lastFailing = undefined;
  }
}
