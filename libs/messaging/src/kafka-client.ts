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

/**
 * What a broker answers while it settles (a new broker electing leaders and loading its group
 * coordinator, a restart, a partition moving): kafkajs retries each itself, so they are warnings,
 * not errors; an ERROR on a healthy start would send an operator looking for a fault that is not there.
 */
const SETTLING_BROKER = [
  'The coordinator is loading and hence can',
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  'There is no leader for this topic-partition',
  'This server is not the leader for that topic-partition',
];

export const isSettlingBroker = (error: unknown): boolean =>
  typeof error === 'string' && SETTLING_BROKER.some((message) => error.startsWith(message));

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
        log?.(level <= logLevel.ERROR && !isSettlingBroker(entry.error) ? 'error' : 'warn', message);
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

/**
 * How soon a consumer group notices a member is gone (kafkajs's consumer settings). A killed member
 * stops heartbeating and its partitions move to the others once `sessionTimeout` has passed (the next
 * heartbeat of each survivor then rejoins), and a restarted service's join waits at most that long
 * for its dead predecessor to leave. Kafka's defaults (30 s session, 60 s rebalance) made both take half a minute.
 */
export interface ConsumerSessionSettings {
  sessionTimeout: number;
  /** Sent between fetches and by reactions after each event; a third of the session or less. */
  heartbeatInterval: number;
  /** How long a live member has to finish its batch and rejoin during a rebalance. */
  rebalanceTimeout: number;
}

export const DEFAULT_CONSUMER_SESSION: ConsumerSessionSettings = {
  sessionTimeout: 8_000,
  heartbeatInterval: 1_000,
  rebalanceTimeout: 30_000,
};
