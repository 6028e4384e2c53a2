/**
 * Warms the broker up in a process of its own (jest global set-up runs this): kafkajs can leave a
 * timer behind after its clients disconnect, which would keep jest's own process from exiting.
 */
import { createKafkaClient, parseBrokers } from '@csc/messaging';
import { warmUpBroker } from './broker-warm-up';
import { testKafkaConnection } from './test-kafka';

const warmUp = async () => {
  // Settings that are wrong stop the run here, before any test file, with the setting named (secured: as admin).
  const connection = testKafkaConnection();
  const brokers = parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
  await warmUpBroker(createKafkaClient({ clientId: 'test-warm-up', brokers, connection }));
};

warmUp().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`broker warm-up failed: ${error.message}`);
    process.exit(1);
  },
);
