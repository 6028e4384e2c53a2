import { resolveKafkaConnectionSettings, SYSTEM_TRUST_STORE, type KafkaConnectionSettings } from './kafka-connection-settings';

/**
 * The same settings as librdkafka's properties, for kcat (`kcat -F <file>`) and other C clients: one
 * set of KAFKA_* variables reaches the broker from Node and from the command line alike. Holds the
 * password: written to a file only the user can read, never put on a command line (ps shows those).
 * Assumes valid settings (kafkaConnectionOf has checked them).
 */
export const librdkafkaPropertiesOf = (settings: KafkaConnectionSettings): Record<string, string> => {
  const resolved = resolveKafkaConnectionSettings(settings);
  const properties: Record<string, string> = { 'security.protocol': resolved.protocol.toLowerCase() };
  if (resolved.sasl) {
    properties['sasl.mechanisms'] = resolved.mechanism.toUpperCase();
    properties['sasl.username'] = resolved.username!;
    properties['sasl.password'] = resolved.password!;
  }
  if (resolved.tls) {
    // `probe`: librdkafka looks for the system's CA bundle in the usual places.
    properties['ssl.ca.location'] = resolved.ca === SYSTEM_TRUST_STORE ? 'probe' : resolved.ca!;
    if (resolved.cert) properties['ssl.certificate.location'] = resolved.cert;
    if (resolved.key) properties['ssl.key.location'] = resolved.key;
    properties['ssl.endpoint.identification.algorithm'] = resolved.checkHostname ? 'https' : 'none';
  }
  return properties;
};
