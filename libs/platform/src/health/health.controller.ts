import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@csc/auth';
import { EventFlowHealthIndicator } from './event-flow.health';
import { KafkaHealthIndicator } from './kafka.health';
import { NotRateLimited } from '../http/rate-limit/rate-limit.guard';

@ApiTags('health')
@Public()
@NotRateLimited()
@Controller('health')
export class HealthController {
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

  /** Readiness: the database and the broker answer, and events flow in and out. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.kafka.isHealthy(),
      () => this.eventFlow.relayIsPublishing(),
      () => this.eventFlow.consumersAreRunning(),
    ]);
  }
}
