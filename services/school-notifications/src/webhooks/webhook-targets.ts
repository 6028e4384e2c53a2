import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Agent } from 'undici';
import type { WebhookReachPolicy } from './domain/webhook-reach';
import { guardedAgent } from './guarded-agent';
import { resolveWithSystemResolver } from './resolve-host';
import { webhookUrlRefusal } from './webhook-url-refusal';

/**
 * Where this deployment's webhooks may go (WEBHOOK_ALLOW_LOCAL_ADDRESSES), judged the same way when
 * a URL is registered and each time a delivery connects.
 */
@Injectable()
export class WebhookTargets implements OnModuleDestroy {
  private readonly policy: WebhookReachPolicy;
  /** Every delivery's connections: pooled, each one judged where it connects. */
  readonly dispatcher: Agent;

  constructor(config: ConfigService) {
    this.policy = { allowLocalAddresses: config.get<boolean>('WEBHOOK_ALLOW_LOCAL_ADDRESSES') === true };
    this.dispatcher = guardedAgent(this.policy, resolveWithSystemResolver);
  }

  /** Why this URL may not be set as a webhook, or null. */
  refusalOf(url: string): Promise<string | null> {
    return webhookUrlRefusal(url, this.policy, resolveWithSystemResolver);
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.close();
  }
}
