import { Kafka, logLevel, type ISocketFactory, type KafkaConfig, type LogEntry } from 'kafkajs';
import { kafkaConnectionOf, type KafkaConnection } from './kafka-connection';
import type { KafkaConnectionSettings } from './kafka-connection-settings';

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

/**
 * A consumer asked for an offset the log no longer (or not yet) holds, and kafkajs resets it to the
 * group's default. Our topics keep every event, so this means the log was replaced under a reader
 * whose offsets outlived it (a new broker beside a kept database): the projection host notices that
 * itself, says so in one warning and rebuilds (libs/projections projection-host.ts). Two more ERRORs
 * from kafkajs would only repeat it louder.
 */
const OFFSET_RESET = ['The requested offset is not within the range of offsets maintained by the server', 'Offset out of range, resetting'];

export const isOffsetReset = (text: unknown): boolean =>
  typeof text === 'string' && OFFSET_RESET.some((message) => text.startsWith(message));

/** kafkajs's own ERRORs that are not faults of ours: it retries or resets, and we report what matters elsewhere. */
export const isHandledByKafkajs = ({ message, error }: { message: string; error?: unknown }): boolean =>
  isSettlingBroker(error) || isOffsetReset(error) || isOffsetReset(message);

/**
 * How a service's client was made, as plain data (it can cross to a worker thread, where a Kafka
 * instance cannot): a projection thread makes an equal client of its own from it. It holds the
 * connection's settings, secrets included, so it stays in the process: never logged, never sent.
 */
export interface KafkaClientRecipe {
  clientId: string;
  brokers: string[];
  settings: KafkaConnectionSettings;
  production: boolean;
}

/** A client made as the recipe's was (TLS and SASL checked again by kafkaConnectionOf). */
export const kafkaClientFromRecipe = (recipe: KafkaClientRecipe, log?: KafkaClientOptions['log']): Kafka =>
  createKafkaClient({
    clientId: recipe.clientId,
    brokers: recipe.brokers,
    connection: kafkaConnectionOf(recipe.settings, { production: recipe.production }),
    log,
  });

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
        log?.(level <= logLevel.ERROR && !isHandledByKafkajs(entry) ? 'error' : 'warn', message);
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
