import { resolve } from 'node:path';
import nunjucks from 'nunjucks';
import { idOf, type AsyncApiDocument, type AsyncApiMessage, type JsonSchema } from '@csc/contracts';
import { fieldRowsOf, type FieldRow } from './schema-fields';

interface MessageView {
  id: string;
  title: string;
  current: boolean;
  description: string;
  consumers: string[];
  fields: FieldRow[];
}

interface ChannelView {
  id: string;
  address: string;
  title: string;
  description: string;
  partitions: number;
  writer: string;
  messages: MessageView[];
}

const payloadOf = (message: AsyncApiMessage): Record<string, JsonSchema> => message.payload.schema.properties as Record<string, JsonSchema>;

/** Who receives a message: the services whose receive operations name it. */
const consumersOf = (document: AsyncApiDocument, messageId: string): string[] =>
  Object.values(document.operations)
    .filter(({ action, messages }) => action === 'receive' && messages.some((reference) => idOf(reference) === messageId))
    .map((operation) => operation['x-service']);

const channelViewsOf = (document: AsyncApiDocument, holds: 'events' | 'dead-letters'): ChannelView[] =>
  Object.entries(document.channels)
    .filter(([, channel]) => channel['x-holds'] === holds)
    .map(([id, channel]) => ({
      id,
      address: channel.address,
      title: channel.title,
      description: channel.description,
      partitions: channel.bindings.kafka.partitions,
      writer:
        Object.values(document.operations).find((operation) => operation.action === 'send' && idOf(operation.channel) === id)?.[
          'x-service'
        ] ?? 'its consumers',
      messages: Object.values(channel.messages).map((reference) => {
        const message = document.components.messages[idOf(reference)];
        return {
          id: idOf(reference),
          title: message.title,
          current: message['x-current'],
          description: message.description ?? '',
          consumers: consumersOf(document, idOf(reference)),
          fields: fieldRowsOf(payloadOf(message).data, 'data.'),
        };
      }),
    }));

/** What a field fixed for each message (its `type`, its `schemaVersion`) is, said of every message. */
const unfixed = (field: JsonSchema): JsonSchema => {
  if (!('const' in field)) return field;
  const { const: value, ...rest } = field;
  return { ...rest, type: typeof value === 'number' ? 'integer' : 'string' };
};

/** The envelope and headers are the same on every message; shown once, from the first. */
const sharedPartsOf = (document: AsyncApiDocument) => {
  const [first] = Object.values(document.components.messages);
  const { data: _data, ...envelope } = payloadOf(first);
  return {
    envelope: fieldRowsOf({
      ...first.payload.schema,
      properties: Object.fromEntries(Object.entries(envelope).map(([name, field]) => [name, unfixed(field)])),
    }),
    headers: fieldRowsOf({
      ...first.headers,
      properties: Object.fromEntries(
        Object.entries(first.headers.properties as Record<string, JsonSchema>).map(([name, field]) => [name, unfixed(field)]),
      ),
    }),
    key: String(first.bindings.kafka.key.description ?? ''),
  };
};

const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(resolve(__dirname)), {
  autoescape: true,
  throwOnUndefined: true,
});
// The document's prose marks code with `backticks` and emphasis with **stars**: escaped first, then marked up.
environment.addFilter('prose', (text: string) => {
  const escaped = String(environment.getFilter('escape')(text));
  return new nunjucks.runtime.SafeString(
    escaped.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/`([^`]+)`/g, '<code>$1</code>'),
  );
});

/** The catalogue as a static, accessible HTML page (no script, no outside resource): topics, event types and versions, fields, headers. */
export const eventCataloguePage = (document: AsyncApiDocument): string => {
  const [intro, ...rest] = document.info.description.split('\n\n');
  const servers = Object.values(document.servers);
  return environment.render('event-catalogue.njk', {
    info: document.info,
    intro,
    points: rest
      .join('\n')
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2)),
    servers,
    securitySchemes: Object.values(document.components.securitySchemes),
    topics: channelViewsOf(document, 'events'),
    deadLetters: channelViewsOf(document, 'dead-letters'),
    ...sharedPartsOf(document),
  });
};
