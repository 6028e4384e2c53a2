/**
 * Runs one outbox relay as its own process so a test can SIGKILL it mid-stream, like a crash.
 * Settings come from the environment: DATABASE_URL, KAFKA_BROKERS (and KAFKA_SECURITY_PROTOCOL...), RELAY_TOPIC, RELAY_BATCH_SIZE.
 */
import { DataSource } from 'typeorm';
import { createKafkaClient, kafkaConnectionFromEnvironment, parseBrokers } from '@csc/messaging';
import { OutboxRelay } from '../src/outbox-relay';
import { createRelayProducer } from '../src/relay-producer';

const main = async () => {
  const databaseUrl = process.env.DATABASE_URL!;
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  const kafka = createKafkaClient({
    clientId: 'relay-process',
    brokers: parseBrokers(process.env.KAFKA_BROKERS!),
    connection: kafkaConnectionFromEnvironment(),
  });
  const relay = new OutboxRelay(
    dataSource,
    () => createRelayProducer(kafka),
    { name: 'relay-under-test', topic: process.env.RELAY_TOPIC!, databaseUrl, batchSize: Number(process.env.RELAY_BATCH_SIZE ?? 10) },
    { log: () => undefined, warn: (message) => console.error(message) },
  );
  await relay.start();
  console.log('relay started');
};

void main();
