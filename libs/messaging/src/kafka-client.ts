import { Kafka, logLevel, type ISocketFactory, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { KafkaConnection } from './kafka-connection';

export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  /** TLS and SASL from the settings (kafkaConnectionOf): required, so that no client is made plaintext by forgetting it. */
  connection: KafkaConnection;
  /** Tests use this to cut the network between a client and the real broker. */
  socketFactory?: ISocketFactory;
  log?: (level: 'error' | 'warn', message: string) => void;
}

/** kafkajs with its log routed to ours, at WARN and above (its INFO is per-connection noise). */
export const createKafkaClient = ({ clientId, brokers, connection, socketFactory, log }: KafkaClientOptions): Kafka => {
  const config: KafkaConfig = {
    clientId,
    brokers,
    ssl: connection.ssl,
    sasl: connection.sasl,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 5 },
    logCreator:
      () =>
      ({ level, label, log: entry }: LogEntry) => {
        // Known and accepted: the relay limits producer retries and owns the backoff itself (libs/event-store relay-producer.ts).
        if (entry.message.startsWith('Limiting retries for the idempotent producer')) return;
        const message = `kafkajs ${label}: ${entry.message}${entry.error ? ` (${entry.error})` : ''}`;
        log?.(level <= logLevel.ERROR ? 'error' : 'warn', message);
      },
  };
  if (socketFactory) config.socketFactory = socketFactory;
  return new Kafka(config);
};

export const parseBrokers = (value: string): string[] =>
  value
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
