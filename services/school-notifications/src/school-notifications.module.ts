import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { PlatformModule } from '@csc/platform';
import { schoolNotificationsMigrations } from './infrastructure/migrations';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'school-notifications',
      migrations: schoolNotificationsMigrations,
      eventsTopic: TOPICS.schoolNotifications,
    }),
  ],
})
export class SchoolNotificationsModule {}
