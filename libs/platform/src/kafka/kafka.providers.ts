import type { Kafka } from 'kafkajs';

/** The service's one kafkajs client (a class token so Nest can inject it). */
export class KafkaClient {
  constructor(
    readonly client: Kafka,
    /** Appended to every topic name (KAFKA_TOPIC_SUFFIX): test isolation. */
    readonly topicSuffix: string,
  ) {}

  topic(name: string): string {
    return `${name}${this.topicSuffix}`;
  }
}
