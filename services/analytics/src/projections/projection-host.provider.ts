import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsumerHealth, DeadLetters } from '@csc/messaging';
import { KafkaClient } from '@csc/platform';
import { ProjectionHost } from '@csc/projections';
import { ANALYTICS_PROJECTIONS } from './analytics-projections';

/** The projection host as the analytics service runs it: started after boot, stopped before the database closes. */
@Injectable()
export class AnalyticsProjectionHost extends ProjectionHost implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    kafka: KafkaClient,
    deadLetters: DeadLetters,
    health: ConsumerHealth,
    config: ConfigService,
  ) {
    const threads = config.getOrThrow<number>('PROJECTION_THREADS');
    super(ANALYTICS_PROJECTIONS, kafka.client, dataSource, kafka.topicSuffix, 'analytics', {
      session: kafka.consumerSession,
      health,
      deadLetters,
      threads:
        threads > 0
          ? {
              count: threads,
              definitions: { path: require.resolve('./analytics-projections'), exportName: 'ANALYTICS_PROJECTIONS' },
              kafka: kafka.recipe,
            }
          : undefined,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }
}
