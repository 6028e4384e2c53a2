import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { parseBrokers } from '@csc/messaging';
import type { PrincipalSettings } from '@csc/messaging';

/** A kafkajs client that signs in as a principal of the secured broker: TLS against the local CA, then SCRAM-SHA-512. */
export const secureKafkaClient = (settings: PrincipalSettings, clientId = `kafka-security-${settings.name}`): Kafka =>
  new Kafka({
    clientId,
    brokers: parseBrokers(settings.brokers),
    ssl: { ca: [readFileSync(settings.caFile, 'utf8')] },
    sasl: { mechanism: 'scram-sha-512', username: settings.name, password: settings.password },
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 200 },
  });
