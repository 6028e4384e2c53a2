import type { MixedList } from 'typeorm';
import { appRoleMigration } from '@csc/platform';
import { CreateEventStore1763800000000 } from '@csc/event-store';
import { CreateInbox1763800000001 } from '@csc/messaging';
import { CreateSchools1765200000000 } from './migrations/create-schools.migration';

/**
 * In order. The event store (events + outbox checkpoint) and the reactions' inbox come first; the
 * app role last, so that it is granted what the others created.
 */
export const schoolNotificationsMigrations: MixedList<Function> = [
  CreateEventStore1763800000000,
  CreateInbox1763800000001,
  CreateSchools1765200000000,
  appRoleMigration('school-notifications'),
];
