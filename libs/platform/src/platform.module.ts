import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type MixedList } from 'typeorm';
import { AuthModule } from '@csc/auth';
import { EventStore, OutboxRelay, createRelayProducer, inspectBrokerWith, type SubjectSealer } from '@csc/event-store';
import { SubjectKeyVault, SubjectProtection } from '@csc/privacy';
import { ConsumerHealth, DeadLetters } from '@csc/messaging';
import { AuditTrailModule } from './audit/audit-trail.module';
import { validateEnvironment } from './config/service-environment';
import { defaultDatabaseUrl } from './database/database-url';
import { serviceDataSourceOptions } from './database/service-data-source';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { HealthController } from './health/health.controller';
import { RateLimitModule } from './http/rate-limit/rate-limit.module';
import { loggingModule } from './logging/logging.module';
import { appendedCounter } from './metrics/event-flow-counters';
import { EventFlowGauges } from './metrics/event-flow-gauges';
import { MetricsController } from './metrics/metrics.controller';
import { ServiceMetrics } from './metrics/service-metrics';
import { EventFlowHealthIndicator } from './health/event-flow.health';
import { KafkaHealthIndicator } from './health/kafka.health';
import { createServiceKafkaClient, KafkaClient } from './kafka/kafka.providers';
import { OutboxRelayService } from './kafka/outbox-relay.service';
import { keyVaultProviders, SUBJECT_SEALER } from './privacy/key-vault.providers';
import { ForgetKeysWhenChildErased } from './privacy/forget-keys-when-child-erased';

export interface ServicePlatformOptions {
  /** kebab-case service name: logs, consumer group, database name, relay checkpoint. */
  name: string;
  migrations: MixedList<Function>;
  entities?: MixedList<Function>;
  /** The topic the service's events are relayed to; services that write no events leave it out. */
  eventsTopic?: string;
  /** Serves GET /v1/audit-log (ADMIN): for services whose routes serve children's records; needs CreateAuditLog in its migrations. */
  auditLog?: boolean;
  /** Whether its events carry personal data (sealed with children's keys from the key vault). */
  personalData?: boolean;
}

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** What every service gets for free: config, logs, database, auth, health, Kafka and, if it writes events, the store and relay. */
@Module({})
export class PlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    const kafkaLogger = new Logger('kafka');
    const eventProviders = options.eventsTopic
      ? [
          {
            provide: EventStore,
            inject: [DataSource, SUBJECT_SEALER, ServiceMetrics],
            useFactory: (dataSource: DataSource, subjects: SubjectSealer, metrics: ServiceMetrics) =>
              new EventStore(dataSource, subjects, appendedCounter(metrics)),
          },
          {
            provide: OutboxRelay,
            inject: [DataSource, KafkaClient, ConfigService],
            useFactory: (dataSource: DataSource, kafka: KafkaClient, config: ConfigService) =>
              new OutboxRelay(
                dataSource,
                () => createRelayProducer(kafka.client),
                {
                  name: options.name,
                  topic: kafka.topic(options.eventsTopic!),
                  databaseUrl: databaseUrlOf(config, options.name),
                  inspectBroker: inspectBrokerWith(kafka.client),
                  onNewBroker: config.get<'halt' | 'republish'>('RELAY_ON_NEW_BROKER', 'halt'),
                },
                new Logger('OutboxRelay'),
              ),
          },
          OutboxRelayService,
        ]
      : [];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        // Validated when the app is built (not when this module is imported), from the process environment only.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => ({ ...validateEnvironment(process.env) })],
        }),
        loggingModule(options.name),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) =>
            serviceDataSourceOptions({
              databaseUrl: databaseUrlOf(config, options.name),
              migrations: options.migrations,
              entities: options.entities,
              applicationName: options.name,
            }),
        }),
        // Not ready is logged by the health controller's ReadinessLog (a warning on change), not by
        // Terminus (an ERROR on every poll of a service that is still starting or rebuilding).
        TerminusModule.forRoot({ logger: false }),
        // The global guards run in this order: per-IP limit, audit, auth, per-subject limit (see RateLimitModule).
        RateLimitModule.perClientIp(),
        // Before AuthModule: its guard must see the requests the auth guard refuses (see AuditTrailModule).
        AuditTrailModule.register({ serveAuditLog: options.auditLog ?? false }),
        AuthModule,
        RateLimitModule.perTokenSubject(),
      ],
      controllers: [
        HealthController,
        MetricsController,
        DeadLettersController,
        ...(options.personalData ? [ForgetKeysWhenChildErased] : []),
      ],
      providers: [
        { provide: SERVICE_NAME, useValue: options.name },
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(options.name) },
        EventFlowGauges,
        {
          provide: KafkaClient,
          inject: [ConfigService],
          useFactory: (config: ConfigService) => createServiceKafkaClient(options.name, config, kafkaLogger),
        },
        KafkaHealthIndicator,
        EventFlowHealthIndicator,
        {
          provide: ConsumerHealth,
          inject: [ConfigService],
          useFactory: (config: ConfigService) => new ConsumerHealth(config.getOrThrow<number>('CONSUMER_STALL_SECONDS') * 1000),
        },
        // Shared by the Kafka transport (records and replays) and /v1/dead-letters.
        { provide: DeadLetters, inject: [DataSource], useFactory: (dataSource: DataSource) => new DeadLetters(dataSource) },
        ...keyVaultProviders(options.name, options.personalData ?? false),
        ...eventProviders,
      ],
      exports: [
        SERVICE_NAME,
        ServiceMetrics,
        KafkaClient,
        TypeOrmModule,
        AuditTrailModule,
        ConsumerHealth,
        DeadLetters,
        ...(options.eventsTopic ? [EventStore, OutboxRelay] : []),
        ...(options.personalData ? [SubjectKeyVault, SubjectProtection] : []),
      ],
    };
  }
}

export const databaseUrlOf = (config: ConfigService, serviceName: string): string =>
  config.get<string>('DATABASE_URL') ?? defaultDatabaseUrl(serviceName);
