import type { ServiceDefinition } from '@csc/platform';
import { SchoolNotificationsModule } from './school-notifications.module';
import { schoolNotificationsMigrations } from './infrastructure/migrations';

export const schoolNotificationsService: ServiceDefinition & { migrations: typeof schoolNotificationsMigrations } = {
  name: 'school-notifications',
  title: 'School notifications',
  description: "Schools are told how their referrals and pupils' cases progress, within what they may know.",
  defaultPort: 3004,
  module: SchoolNotificationsModule,
  migrations: schoolNotificationsMigrations,
};
