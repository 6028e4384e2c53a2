import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { IdempotencyKeys, PlatformModule } from '@csc/platform';
import { schoolNotificationsMigrations } from './infrastructure/migrations';
import { ReadInboxController } from './notifications/read-inbox/read-inbox.controller';
import { RecordNotifications } from './notifications/record-notifications';
import { RegisterSchoolController } from './schools/register-school/register-school.controller';
import { WebhookSecrets } from './schools/webhook-secrets';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookTargets } from './webhooks/webhook-targets';
import { WebhookMetrics } from './webhooks/webhook-metrics';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'school-notifications',
      migrations: schoolNotificationsMigrations,
      eventsTopic: TOPICS.schoolNotifications,
      auditLog: true,
    }),
  ],
  controllers: [RegisterSchoolController, RecordNotifications, ReadInboxController],
  providers: [WebhookSecrets, WebhookTargets, WebhookMetrics, WebhookDispatcher, IdempotencyKeys],
})
export class SchoolNotificationsModule {}
