import type { AsyncApiDocument, JsonSchema } from './asyncapi-document';

export const LOCAL_BROKER = 'localSecuredBroker';
const SCRAM = 'saslScramSha512';

/** The document's own version: the topics' generation (`.v1`); each event type is versioned by its schemaVersion. */
const CATALOGUE_VERSION = '1.0.0';

export const CATALOGUE_INFO: AsyncApiDocument['info'] = {
  title: "Children's social care front door: event catalogue",
  version: CATALOGUE_VERSION,
  description: [
    'Every event the services publish to Kafka, generated from the contracts in libs/contracts (`npm run docs:events`). Each domain topic is written by one service only.',
    '',
    '- **Keyed by child id**: every event about one child is in order within its topic (an event about no known child is keyed by its stream id).',
    '- **Kept for ever** (`retention.ms=-1`): a new consumer replays the whole history from offset 0.',
    '- **At least once**: an event may be delivered more than once; make your consumer idempotent by `eventId` (also the `event-id` header).',
    '- **Versions**: within one type a new version only adds fields. Ignore fields you do not know, check those you use, and read an older version as the current one (`ReferralReceived` v1 as v2 with empty `subject.characteristics`).',
    '- **Personal data** travels only in `data.subject`, sealed per child (marked `x-sealed`); erasing a child destroys its key (`ChildErased`).',
    '- **Dead letters** (`dead-letters.<topic>`) are for operators.',
  ].join('\n'),
};

/** A placeholder for a local secured broker; a deployment's own address is its operators' to give. */
export const CATALOGUE_SERVERS: Record<string, JsonSchema> = {
  [LOCAL_BROKER]: {
    host: '127.0.0.1:19092',
    protocol: 'kafka-secure',
    title: 'A local secured broker (placeholder)',
    description:
      'TLS with SASL/SCRAM-SHA-512, as `npm start` runs it: trust its CA (`.run/kafka-secure/tls/ca.pem`). Ask for a ' +
      'read-only principal (`npm run kafka:principal -- --name <you> --read`): it reads every domain topic with consumer groups ' +
      '`<you>` and `<you>.*`, and nothing else.',
    security: [{ $ref: `#/components/securitySchemes/${SCRAM}` }],
  },
};

export const CATALOGUE_SECURITY_SCHEMES: Record<string, JsonSchema> = {
  [SCRAM]: {
    type: 'scramSha512',
    description: 'SASL/SCRAM-SHA-512 over TLS, one principal per client; the broker authorises each by ACL and denies what no ACL allows.',
  },
};
