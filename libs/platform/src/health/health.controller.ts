import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '@csc/auth';
import { EventFlowHealthIndicator } from './event-flow.health';
import { KafkaHealthIndicator } from './kafka.health';
import { NotRateLimited } from '../http/rate-limit/rate-limit.guard';
import { ReadinessLog } from './readiness-log';

@ApiTags('health')
@Public()
@NotRateLimited()
@Controller('health')
export class HealthController {
  private readonly readinessLog = new ReadinessLog();

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly eventFlow: EventFlowHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Readiness: the database and the broker answer, and events flow in and out. When not, a 503 in the
   * API's error shape with one message per reason (`consumers: early-help: cannot reach the broker: ...`).
   */
  @Get('ready')
  @HealthCheck()
  async ready() {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        () => this.kafka.isHealthy(),
        () => this.eventFlow.relayIsPublishing(),
        () => this.eventFlow.consumersAreRunning(),
        () => this.eventFlow.projectionsReadTheBrokersLog(),
      ]);
      this.readinessLog.ready();
      return result;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const reasons = reasonsNotReady(result);
      this.readinessLog.notReady(Object.keys(result.error ?? {}), reasons);
      throw new ServiceUnavailableException(reasons);
    }
  }
}

/** Each failing check's details as `check: what: why` (the error filter would otherwise keep only a generic message). */
export const reasonsNotReady = ({ error = {} }: HealthCheckResult): string[] =>
  Object.entries(error).flatMap(([check, result]) => {
    const { status: _status, ...details } = result ?? {};
    return Object.entries(details).flatMap(([what, why]) =>
      why === null || why === undefined
        ? []
        : typeof why === 'object'
          ? Object.entries(why).map(([name, reason]) => `${check}: ${what} ${name}: ${describe(reason)}`)
          : [`${check}: ${what}: ${String(why)}`],
    );
  });

const describe = (reason: unknown): string => (typeof reason === 'object' && reason !== null ? JSON.stringify(reason) : String(reason));
