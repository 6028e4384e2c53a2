import type { INestApplication, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { Application } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { EVENT_UPCASTERS, type Upcasters } from '@csc/contracts';
import { ConsumerHealth, DeadLetters, EventInbox, KafkaEventServer, describeErrorSafely, serviceGroupId } from '@csc/messaging';
import { ApiErrorFilter } from './errors/api-error.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { serveEventCatalogue } from './http/event-catalogue.route';
import { conversations } from './http/conversation.middleware';
import { keepIdleConnectionsOpen } from './http/idle-connections';
import { jsonBody } from './http/json-body';
import { noStore, securityHeaders } from './http/security-headers';
import { UnsafeInputPipe } from './http/unsafe-input.pipe';
import { KafkaClient } from './kafka/kafka.providers';
import { consumerCounters } from './metrics/event-flow-counters';
import { watchConsumerLag } from './metrics/consumer-lag-gauge';
import { httpMetrics } from './metrics/http-metrics';
import { ServiceMetrics } from './metrics/service-metrics';

export interface ServiceDefinition {
  name: string;
  title: string;
  description: string;
  defaultPort: number;
  module: Type<unknown>;
  upcasters?: Upcasters;
}

/**
 * Builds a service exactly as it runs (used by main.ts and by e2e tests): validation, the docs/http-api.md
 * error shape, OpenAPI at /docs and /docs-json, its part of the event catalogue (AsyncAPI) at
 * /asyncapi.json, graceful shutdown, and the Kafka event transport
 * for its `@EventPattern` reactions.
 */
export const createServiceApp = async (definition: ServiceDefinition): Promise<INestApplication> => {
  // Nest's own body parser is replaced by the platform's (limits, encodings, depth: libs/platform/src/http/json-body.ts).
  const app = await NestFactory.create(definition.module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  keepIdleConnectionsOpen(app.getHttpServer());
  // Who the client is behind reverse proxies (the per-IP rate limit): Express reads X-Forwarded-For this many hops back.
  (app.getHttpAdapter().getInstance() as Application).set('trust proxy', app.get(ConfigService).getOrThrow<number>('TRUSTED_PROXY_HOPS'));
  const metrics = app.get(ServiceMetrics);
  app.use(httpMetrics(metrics));
  app.use(securityHeaders());
  app.use('/v1', noStore);
  app.use(jsonBody());
  app.use(conversations());
  app.useGlobalPipes(new UnsafeInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(definition.title).setDescription(definition.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  serveEventCatalogue(app.getHttpAdapter().getInstance() as Application, definition.name);

  const kafka = app.get(KafkaClient);
  const parkedMaxWaitSeconds = app.get(ConfigService).getOrThrow<number>('PARKED_EVENT_MAX_WAIT_SECONDS');
  // The app's pipes and filters apply to reactions too (a hybrid app's microservice cannot take filters of its own).
  const events = new KafkaEventServer({
    kafka: kafka.client,
    groupId: serviceGroupId(definition.name, kafka.topicSuffix),
    topicSuffix: kafka.topicSuffix,
    inbox: new EventInbox(app.get(DataSource)),
    upcasters: definition.upcasters ?? EVENT_UPCASTERS,
    health: app.get(ConsumerHealth),
    deadLetters: app.get(DeadLetters),
    parking: { maxWaitMs: parkedMaxWaitSeconds * 1000 },
    session: kafka.consumerSession,
    observer: consumerCounters(metrics),
  });
  watchConsumerLag(metrics, kafka.client, () => events.groups());
  app.connectMicroservice({ strategy: events }, { inheritAppConfig: true });
  return app;
};

/** main.ts: start, or say why not and exit non-zero (a half-started service must not linger). */
export const runService = (definition: ServiceDefinition): Promise<INestApplication | void> =>
  startService(definition).catch((error: unknown) => {
    process.stderr.write(`${definition.name} failed to start: ${describeErrorSafely(error)}\n`);
    process.exit(1);
  });

/**
 * The port opens within a second or two whatever Kafka is doing: the consumers connect and join in
 * the background (readiness is down until they have, and says why), as do the projections. Only
 * what a restart cannot fix refuses the start: invalid settings (createServiceApp) and reactions
 * wired wrongly (checked by startAllMicroservices before it returns, without touching the broker).
 */
const startService = async (definition: ServiceDefinition): Promise<INestApplication> => {
  const app = await createServiceApp(definition);
  const config = app.get(ConfigService);
  await app.startAllMicroservices();
  const port = config.get<number>('PORT') ?? definition.defaultPort;
  await app.listen(port, config.get<string>('HOST', '127.0.0.1'));
  app.get(Logger).log(`${definition.name} listening on ${await app.getUrl()} (docs at /docs)`);
  return app;
};
