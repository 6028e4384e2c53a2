import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsumerHealth, DeadLetters } from '@csc/messaging';
import { KafkaClient } from '@csc/platform';
import { ProjectionHost } from '@csc/projections';
import { childRecordsProjection } from './child-records.projection';

/** The children's records, kept from offset 0 of the topics and rebuildable like any projection. */
@Injectable()
export class ChildRecordsProjectionHost extends ProjectionHost implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@InjectDataSource() dataSource: DataSource, kafka: KafkaClient, deadLetters: DeadLetters, health: ConsumerHealth) {
    super([childRecordsProjection], kafka.client, dataSource, kafka.topicSuffix, 'statutory-returns', {
      session: kafka.consumerSession,
      health,
      deadLetters,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }
}
