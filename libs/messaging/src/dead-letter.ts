import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopicOf } from '@csc/contracts';

export const DEAD_LETTER_HEADERS = {
  /** The letter's id in the consumer's `dead_letters` table: what `npm run dlq` and /v1/dead-letters name it by. */
  id: 'dlq-id',
  error: 'dlq-error',
  consumerGroup: 'dlq-consumer-group',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
} as const;

export interface DeadLetter {
  id: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumerGroup: string;
  attempts: number;
  reason: string;
}

/** Parks an event its consumer cannot handle on the topic's dead letters (`dead-letters.<topic>`), byte for byte, with why and where from. */
export const sendToDeadLetterTopic = async (producer: Producer, letter: DeadLetter): Promise<void> => {
  const headers: IHeaders = {
    ...letter.message.headers,
    [DEAD_LETTER_HEADERS.id]: letter.id,
    [DEAD_LETTER_HEADERS.error]: letter.reason.slice(0, 2000),
    [DEAD_LETTER_HEADERS.consumerGroup]: letter.consumerGroup,
    [DEAD_LETTER_HEADERS.originalTopic]: letter.topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(letter.partition),
    [DEAD_LETTER_HEADERS.originalOffset]: letter.message.offset,
    [DEAD_LETTER_HEADERS.attempts]: String(letter.attempts),
    [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
  };
  await producer.send({
    topic: deadLetterTopicOf(letter.topic),
    acks: -1,
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  });
};
