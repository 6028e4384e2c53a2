import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@csc/auth';
import { NotRateLimited } from '../http/rate-limit/rate-limit.guard';
import { ServiceMetrics } from './service-metrics';

/**
 * Prometheus text for the operators' Prometheus, not for the API's users: outside the OpenAPI document,
 * signed in with METRICS_TOKEN (required in production) rather than a user's token.
 */
@ApiExcludeController()
@Public()
@NotRateLimited()
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: ServiceMetrics,
    config: ConfigService,
  ) {
    const token = config.get<string>('METRICS_TOKEN');
    this.token = token ? Buffer.from(`Bearer ${token}`) : null;
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    if (this.token && !sameSecret(this.token, authorization)) {
      throw new UnauthorizedException(['authorization: a bearer METRICS_TOKEN is required for /metrics']);
    }
    const { contentType, body } = await this.metrics.exposition();
    response.setHeader('Content-Type', contentType);
    response.send(body);
  }
}

const sameSecret = (expected: Buffer, given: string | undefined): boolean => {
  const presented = Buffer.from(given ?? '');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
};
