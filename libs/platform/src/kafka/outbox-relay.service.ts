import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { OutboxRelay } from '@csc/event-store';

/** Runs the service's outbox relay for the life of the app, and flushes it at shutdown. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    readonly relay: OutboxRelay,
    private readonly producer: Producer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.connect();
    await this.relay.start();
    this.logger.log('outbox relay started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop({ flush: true }).catch((error: Error) => this.logger.warn(`relay flush at shutdown failed: ${error.message}`));
    await this.producer.disconnect();
  }
}
