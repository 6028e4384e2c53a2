import type { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { Kafka } from 'kafkajs';
import {
  type ConsumerSessionSettings,
  type KafkaClientRecipe,
  createKafkaClient,
  KAFKA_CONNECTION_SETTING_NAMES,
  kafkaConnectionOf,
  kafkaConnectionSettingsOf,
  parseBrokers,
} from '@csc/messaging';

/** The service's one kafkajs client (a class token so Nest can inject it). */
export class KafkaClient {
  constructor(
    readonly client: Kafka,
    /** Appended to every topic name (KAFKA_TOPIC_SUFFIX): test isolation. */
    readonly topicSuffix: string,
    /** Every consumer's session timing (KAFKA_SESSION_TIMEOUT_MS, KAFKA_HEARTBEAT_INTERVAL_MS, KAFKA_REBALANCE_TIMEOUT_MS). */
    readonly consumerSession: ConsumerSessionSettings,
    /** How `client` was made: a projection thread makes its own from it (ProjectionHost's threads). */
    readonly recipe: KafkaClientRecipe,
  ) {}

  topic(name: string): string {
    return `${name}${this.topicSuffix}`;
  }
}

/** From the validated settings (service-environment.ts), through the same kafkaConnectionOf as every tool and test. */
export const createServiceKafkaClient = (serviceName: string, config: ConfigService, logger: Logger): KafkaClient => {
  const settings = Object.fromEntries(KAFKA_CONNECTION_SETTING_NAMES.map((name) => [name, config.get<string>(name)]));
  const recipe: KafkaClientRecipe = {
    clientId: serviceName,
    brokers: parseBrokers(config.getOrThrow('KAFKA_BROKERS')),
    settings: kafkaConnectionSettingsOf(settings),
    production: config.get('NODE_ENV') === 'production',
  };
  const connection = kafkaConnectionOf(recipe.settings, { production: recipe.production });
  logger.log(`connecting to ${config.getOrThrow<string>('KAFKA_BROKERS')} over ${connection.description}`);
  return new KafkaClient(
    createKafkaClient({
      clientId: recipe.clientId,
      brokers: recipe.brokers,
      connection,
      log: (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message)),
    }),
    config.get<string>('KAFKA_TOPIC_SUFFIX', ''),
    {
      sessionTimeout: config.getOrThrow<number>('KAFKA_SESSION_TIMEOUT_MS'),
      heartbeatInterval: config.getOrThrow<number>('KAFKA_HEARTBEAT_INTERVAL_MS'),
      rebalanceTimeout: config.getOrThrow<number>('KAFKA_REBALANCE_TIMEOUT_MS'),
    },
    recipe,
  );
};
