import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { londonDateOf } from '@csc/domain';
import type { Actor } from '@csc/contracts';
import { ChildErasure, type ErasureRecord } from '../erasure/child-erasure';
import { ChildRecords } from './child-records';
import { DEFAULT_RETENTION_POLICY, isDue, retainUntil, type RetentionPolicy } from './domain/retention-policy';

export interface DueErasure {
  childId: string;
  lastClosedOn: string;
  retainUntil: string;
  everLookedAfter: boolean;
}

const RETENTION_ACTOR: Actor = { sub: 'referral-intake-retention', role: 'SYSTEM', org: 'SYSTEM' };

/**
 * Erases children whose retention period has ended. `due` is the dry run (ids and dates only);
 * `sweep` erases exactly what `due` lists. The scheduled sweep (every RETENTION_SWEEP_HOURS; 0
 * turns it off) lists first, then erases, under a database lock so that one instance sweeps at a time.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweep.name);
  private readonly policy: RetentionPolicy;
  private readonly everyHours: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly records: ChildRecords,
    private readonly erasure: ChildErasure,
    private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.policy = {
      untilAge: config.get<number>('RETENTION_UNTIL_AGE', DEFAULT_RETENTION_POLICY.untilAge),
      untilAgeIfLookedAfter: config.get<number>('RETENTION_UNTIL_AGE_IF_LOOKED_AFTER', DEFAULT_RETENTION_POLICY.untilAgeIfLookedAfter),
      yearsAfterLastClosure: config.get<number>('RETENTION_YEARS_AFTER_LAST_CLOSURE', DEFAULT_RETENTION_POLICY.yearsAfterLastClosure),
    };
    this.everyHours = config.get<number>('RETENTION_SWEEP_HOURS', 24);
  }

  onApplicationBootstrap(): void {
    if (this.everyHours <= 0) return;
    this.timer = setInterval(() => void this.scheduledSweep(), this.everyHours * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async due(asOf: string = londonDateOf(new Date())): Promise<DueErasure[]> {
    return (await this.records.closedChildren())
      .filter((child) => isDue(child, this.policy, asOf))
      .map((child) => ({
        childId: child.childId,
        lastClosedOn: child.lastClosedOn!,
        retainUntil: retainUntil(child, this.policy)!,
        everLookedAfter: child.everLookedAfter,
      }));
  }

  async sweep(asOf: string, actor: Actor = RETENTION_ACTOR): Promise<ErasureRecord[]> {
    const erased: ErasureRecord[] = [];
    for (const due of await this.due(asOf)) {
      const context = { actor, correlationId: randomUUID(), causationId: null };
      const reason = `retention period ended on ${due.retainUntil} (last closure ${due.lastClosedOn})`;
      erased.push((await this.erasure.erase(due.childId, 'RETENTION_PERIOD_ENDED', reason, context)).erasure);
    }
    return erased;
  }

  private async scheduledSweep(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('referral-intake-retention-sweep')) AS locked`);
      if (!locked) return;
      try {
        const asOf = londonDateOf(new Date());
        const due = await this.due(asOf);
        this.logger.log(`retention: ${due.length} child(ren) due for erasure as of ${asOf}`);
        if (due.length > 0) this.logger.log(`retention: erased ${(await this.sweep(asOf)).length}`);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('referral-intake-retention-sweep'))`);
      }
    } catch (error) {
      this.logger.error(`retention sweep failed: ${error instanceof Error ? error.name : 'error'}`);
    } finally {
      await runner.release();
    }
  }
}
