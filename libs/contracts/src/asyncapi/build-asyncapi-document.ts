import type { AsyncApiDocument } from './asyncapi-document';
import { CATALOGUE_INFO, CATALOGUE_SECURITY_SCHEMES, CATALOGUE_SERVERS } from './catalogue-info';
import { eventChannelsOf } from './event-channels';
import { eventMessageOf, messageIdOf } from './event-message';
import { eventOperationsOf } from './event-operations';
import { eventVersionsOnTheLog } from './event-versions-on-the-log';

/**
 * The event catalogue as an AsyncAPI 3.0.0 document, from the contracts alone (no service, no broker):
 * every domain topic and its dead letters, every event type at every version found on the log, who
 * sends and who receives. Deterministic, so the committed copy can be compared with a fresh one.
 */
export const buildAsyncApiDocument = (): AsyncApiDocument => {
  const events = eventVersionsOnTheLog();
  return {
    asyncapi: '3.0.0',
    info: CATALOGUE_INFO,
    defaultContentType: 'application/json',
    servers: CATALOGUE_SERVERS,
    channels: eventChannelsOf(events),
    operations: eventOperationsOf(events),
    components: {
      messages: Object.fromEntries(events.map((event) => [messageIdOf(event), eventMessageOf(event)])),
      securitySchemes: CATALOGUE_SECURITY_SCHEMES,
    },
  };
};
