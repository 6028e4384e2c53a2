import type { Application } from 'express';
import { asyncApiForService, buildAsyncApiDocument, isServiceName, type AsyncApiDocument } from '@csc/contracts';

/**
 * `GET /asyncapi.json`, public like /docs: the part of the event catalogue (docs/events/asyncapi.json)
 * a service answers for, from the contracts it runs with: its own topic, or the topics it consumes.
 * Built on the first request rather than at start, which it would slow for a page few ask for.
 */
export const serveEventCatalogue = (http: Application, serviceName: string): void => {
  // A service outside the catalogue's list (a test's own) has no topic to describe.
  if (!isServiceName(serviceName)) return;
  let document: AsyncApiDocument | undefined;
  http.get('/asyncapi.json', (_request, response) => {
    document ??= asyncApiForService(buildAsyncApiDocument(), serviceName);
    response.json(document);
  });
};
