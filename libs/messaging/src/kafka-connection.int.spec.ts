import { testEnvironment, testKafkaConnection } from '@csc/testing';
import { createKafkaClient, parseBrokers } from './kafka-client';
import { kafkaConnectionOf } from './kafka-connection';
import type { KafkaConnectionSettings } from './kafka-connection-settings';

const CREDENTIALS = { KAFKA_SASL_USERNAME: 'nobody', KAFKA_SASL_PASSWORD: 'not-the-password' };

/** Against a PLAINTEXT listener (the local broker until it is secured), and against a TLS one (then). */
const MISMATCHES: { client: KafkaConnectionSettings; error: RegExp }[] =
  testKafkaConnection().ssl === undefined
    ? [
        {
          client: { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SSL_CA: 'system', ...CREDENTIALS },
          error: /before secure TLS connection was established/,
        },
        { client: { KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', ...CREDENTIALS }, error: /not valid given the current SASL state/ },
      ]
    : [{ client: { KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' }, error: /Connection (error|closed)|Closed connection|disconnected|ECONNRESET/i }];

/**
 * A client whose settings do not match the broker's listener must fail soon, saying why, instead of
 * retrying for ever: a service then fails its readiness check with a message an operator can act on.
 */
describe('a Kafka client that does not speak the broker listener’s protocol (real broker)', () => {
  it.each(MISMATCHES)(
    'fails within seconds as $client.KAFKA_SECURITY_PROTOCOL, saying why',
    async ({ client, error }) => {
      const logged: string[] = [];
      const kafka = createKafkaClient({
        clientId: 'mismatched-protocol',
        brokers: parseBrokers(testEnvironment().kafkaBrokers),
        connection: kafkaConnectionOf(client, { production: false }),
        log: (_level, message) => logged.push(message),
      });
      const admin = kafka.admin();
      const started = Date.now();
      const failure = await admin.connect().then(
        () => null,
        (reason: Error) => reason,
      );
      await admin.disconnect().catch(() => undefined);

      expect(failure?.message).toMatch(error);
      // kafkajs's own retries (createKafkaClient: 5, from 200 ms doubling) and nothing more.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(logged.join('\n')).not.toContain(CREDENTIALS.KAFKA_SASL_PASSWORD);
    },
    30_000,
  );
});
