import { currentSchemaVersionOf, EVENT_TYPES, topicOf } from '../event-catalogue';
import { EVENT_HEADERS } from '../envelope';
import { SERVICE_CONSUMPTION, SERVICE_NAMES } from '../service-consumption';
import { deadLetterTopicOf, TOPICS } from '../topics';
import { upcastReferralReceivedV1 } from '../referral-intake/referral-received.v2';
import { Upcasters } from '../upcasting';
import { idOf, PAYLOAD_SCHEMA_FORMAT, type AsyncApiMessage, type JsonSchema } from './asyncapi-document';
import { buildAsyncApiDocument } from './build-asyncapi-document';
import { eventVersionsOnTheLog } from './event-versions-on-the-log';
import { JSON_SCHEMA_2020_12, problemsOf2020_12Schema } from './json-schema-2020-12';
import { SEALED_CONTENTS, SEALED_MARK } from './sealed-personal-data';

const document = buildAsyncApiDocument();
const { channels, operations, components } = document;
const messages = Object.entries(components.messages);

const dataOf = (message: AsyncApiMessage): JsonSchema =>
  (message.payload.schema.properties as Record<string, JsonSchema>).data as JsonSchema;
const propertiesOf = (schema: JsonSchema): Record<string, JsonSchema> => (schema.properties ?? {}) as Record<string, JsonSchema>;

/** Every path in a schema at which `x-sealed` is set. */
const sealedPaths = (schema: unknown, path: string): string[] => {
  if (schema === null || typeof schema !== 'object') return [];
  const here = (schema as JsonSchema)[SEALED_MARK] === true ? [path] : [];
  return [
    ...here,
    ...Object.entries(schema).flatMap(([key, value]) =>
      sealedPaths(value, key === 'properties' || key === 'anyOf' ? path : `${path}.${key}`),
    ),
  ];
};

describe('the event catalogue as an AsyncAPI document', () => {
  it('is AsyncAPI 3.0.0 with a placeholder secured broker and no real host', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.info.description).toMatch(/keyed by child id/i);
    expect(document.info.description).toMatch(/kept for ever/i);
    expect(document.info.description).toMatch(/at least once/i);
    expect(document.info.description).toContain('eventId');
    expect(Object.values(document.servers)).toEqual([expect.objectContaining({ host: '127.0.0.1:19092', protocol: 'kafka-secure' })]);
    expect(Object.values(components.securitySchemes)).toEqual([expect.objectContaining({ type: 'scramSha512' })]);
  });

  it('has a channel for each domain topic and one for its dead letters, each topic with its partitions and kept for ever', () => {
    const addresses = Object.values(channels).map(({ address }) => address);
    expect(addresses.sort()).toEqual(
      Object.values(TOPICS)
        .flatMap((topic) => [topic, deadLetterTopicOf(topic)])
        .sort(),
    );
    const referralIntake = Object.values(channels).find(({ address }) => address === TOPICS.referralIntake)!;
    expect(referralIntake.description).toContain('Written only by referral-intake');
    expect(referralIntake.bindings.kafka).toMatchObject({ partitions: 6, topicConfiguration: { 'retention.ms': -1 } });
  });

  it('holds every event type of the catalogue at its current version, on its own topic, and the older versions the upcasters read', () => {
    for (const type of EVENT_TYPES) {
      const message = components.messages[`${type}.v${currentSchemaVersionOf(type)}`];
      expect([type, message?.['x-current']]).toEqual([type, true]);
      const channel = Object.values(channels).find(({ address }) => address === topicOf(type))!;
      expect(channel.messages).toHaveProperty([`${type}.v${currentSchemaVersionOf(type)}`]);
    }
    expect(components.messages['ReferralReceived.v1']).toMatchObject({ 'x-current': false, 'x-schema-version': 1 });
    expect(messages).toHaveLength(EVENT_TYPES.length + 1);
  });

  it('refuses to build when an upcaster reads a version whose shape the contracts do not hold', () => {
    const stale = { ...upcastReferralReceivedV1, type: 'CaseClosed', fromVersion: 0 };
    expect(() => eventVersionsOnTheLog(new Upcasters([stale]))).toThrow('no data schema for CaseClosed v0');
  });

  it('references only what exists: channel messages, operation channels and operation messages on that channel', () => {
    for (const [channelId, channel] of Object.entries(channels)) {
      for (const reference of Object.values(channel.messages))
        expect([channelId, components.messages[idOf(reference)]]).not.toContainEqual(undefined);
    }
    for (const [operationId, operation] of Object.entries(operations)) {
      const channelId = idOf(operation.channel);
      expect([operationId, channels[channelId]]).not.toContainEqual(undefined);
      expect(operation.messages.length).toBeGreaterThan(0);
      for (const { $ref } of operation.messages) {
        expect($ref.startsWith(`#/channels/${channelId}/messages/`)).toBe(true);
        expect(channels[channelId].messages).toHaveProperty([idOf({ $ref })]);
      }
    }
    const ids = [...Object.keys(channels), ...Object.keys(operations), ...Object.keys(components.messages)];
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9.\-_]+$/);
  });

  it('lets each topic be sent by its owner only, at the current versions, and received as each service consumes', () => {
    const senders = Object.values(operations).filter(({ action }) => action === 'send');
    expect(senders.map((operation) => [operation['x-service'], channels[idOf(operation.channel)].address])).toEqual([
      ['referral-intake', TOPICS.referralIntake],
      ['case-progression', TOPICS.caseProgression],
      ['early-help', TOPICS.earlyHelp],
      ['school-notifications', TOPICS.schoolNotifications],
    ]);
    expect(senders[0].messages.map(idOf)).not.toContain('ReferralReceived.v1');

    const received = (service: string) =>
      Object.values(operations)
        .filter((operation) => operation.action === 'receive' && operation['x-service'] === service)
        .flatMap((operation) => operation.messages.map(idOf))
        .sort();
    expect(received('case-progression')).toEqual(['ChildErased.v1', 'ReferralDecided.v1']);
    expect(received('school-notifications')).toContain('ReferralReceived.v1');
    expect(received('analytics')).not.toContain('NotificationQueued.v1');
    for (const service of SERVICE_NAMES) {
      for (const type of SERVICE_CONSUMPTION[service].reactsTo)
        expect(received(service)).toContain(`${type}.v${currentSchemaVersionOf(type)}`);
    }
  });

  it('carries the Kafka headers of EVENT_HEADERS and the child id as key on every message', () => {
    for (const [id, message] of messages) {
      expect([id, Object.keys(propertiesOf(message.headers)).sort()]).toEqual([id, Object.values(EVENT_HEADERS).sort()]);
      expect(propertiesOf(message.headers)[EVENT_HEADERS.eventType].const).toBe(message['x-event-type']);
      expect(propertiesOf(message.headers)[EVENT_HEADERS.schemaVersion].const).toBe(String(message['x-schema-version']));
      expect(message.bindings.kafka.key.description).toContain('childId');
    }
  });

  it('marks data.subject, and every field inside it, as sealed personal data, and nothing else', () => {
    const referralReceived = components.messages['ReferralReceived.v2'];
    const subject = propertiesOf(dataOf(referralReceived)).subject;
    expect(subject.description).toMatch(/sealed/);
    const contents = propertiesOf(subject[SEALED_CONTENTS] as JsonSchema);
    expect(Object.keys(contents)).toEqual(expect.arrayContaining(['child', 'referrer', 'concernsSummary', 'characteristics']));
    expect(propertiesOf(contents.child).givenName[SEALED_MARK]).toBe(true);
    expect(
      Object.keys(propertiesOf(propertiesOf(dataOf(components.messages['ReferralReceived.v1'])).subject[SEALED_CONTENTS] as JsonSchema)),
    ).not.toContain('characteristics');

    for (const [id, message] of messages) {
      const paths = sealedPaths(message.payload.schema, '');
      expect([id, paths.filter((path) => !path.startsWith('.data.subject'))]).toEqual([id, []]);
      expect([id, paths.includes('.data.subject')]).toEqual([id, 'subject' in propertiesOf(dataOf(message))]);
    }
    expect(messages.filter(([, message]) => 'subject' in propertiesOf(dataOf(message))).length).toBeGreaterThan(10);
  });

  it('gives every payload as a valid JSON Schema draft 2020-12 object, strict as producers write it', () => {
    for (const [id, message] of messages) {
      expect(message.payload.schemaFormat).toBe(PAYLOAD_SCHEMA_FORMAT);
      expect(message.payload.schema.$schema).toBe(JSON_SCHEMA_2020_12);
      expect([id, problemsOf2020_12Schema(message.payload.schema)]).toEqual([id, []]);
      expect([id, problemsOf2020_12Schema(message.headers)]).toEqual([id, []]);
      expect(dataOf(message).additionalProperties).toBe(false);
    }
    expect(problemsOf2020_12Schema({ type: 'text', properties: { a: { minimum: 1, colour: 'red' } }, required: ['b'] })).toEqual([
      '#/properties/a/colour: not a draft 2020-12 keyword',
      '#/type: text is not a JSON type',
      '#/required: b has no property',
    ]);
  });

  it('is the same document every time it is built', () => {
    expect(JSON.stringify(buildAsyncApiDocument())).toBe(JSON.stringify(document));
  });
});
