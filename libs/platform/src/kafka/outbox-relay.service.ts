import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay } from '@csc/event-store';

/**
 * Runs the service's outbox relay for the life of the app. At shutdown it publishes what is already
 * committed; anything appended after that waits safely in the outbox for the next start (or for
 * another instance), so nothing is lost either way.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');

  constructor(readonly relay: OutboxRelay) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    this.logger.log('outbox relay started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop({ flush: true }).catch((error: Error) => this.logger.warn(`relay flush at shutdown failed: ${error.name}`));
  }
}
