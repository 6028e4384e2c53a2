/**
 * Warms the broker up in a process of its own (jest global set-up runs this): kafkajs can leave a
 * timer behind after its clients disconnect, which would keep jest's own process from exiting.
 */
import { Kafka, logLevel } from 'kafkajs';
import { warmUpBroker } from './broker-warm-up';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
warmUpBroker(new Kafka({ clientId: 'test-warm-up', brokers, logLevel: logLevel.NOTHING })).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`broker warm-up failed: ${error.message}`);
    process.exit(1);
  },
);
