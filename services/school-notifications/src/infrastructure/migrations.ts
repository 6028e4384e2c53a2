import type { MixedList } from 'typeorm';
import { appRoleMigration, CreateAuditLog1765000000000, AddAuditScope1767100000000, idempotencyKeysMigration } from '@csc/platform';
import {
  AddOutboxCheckpointCluster1767500000000,
  AddAppendRefusal1769000000000,
  AddOutboxRelayPassFunction1768100000000,
  CreateEventStore1763800000000,
} from '@csc/event-store';
import { CreateDeadLetters1767500000000, CreateInbox1763800000001, CreateParkedEvents1767400000000 } from '@csc/messaging';
import { CreateSchools1765200000000 } from './migrations/create-schools.migration';
import { CreateNotifications1765200000001 } from './migrations/create-notifications.migration';
import { CreateWebhookDeliveries1766000000000 } from './migrations/create-webhook-deliveries.migration';
import { AddSchoolVersion1767300000002 } from './migrations/add-school-version.migration';
import { AddWebhookLeaseHolder1767500000000 } from './migrations/add-webhook-lease-holder.migration';
import { WebhookClaimFunction1768100000001 } from './migrations/webhook-claim-function.migration';
import { AddWebhookDueTrigger1769100000001 } from './migrations/add-webhook-due-trigger.migration';

/**
 * In order. The event store (events + outbox checkpoint) and the reactions' inbox come first; the
 * app role next, granted what the others created and, by default privileges, what later ones create.
 */
export const schoolNotificationsMigrations: MixedList<Function> = [
  CreateEventStore1763800000000,
  CreateInbox1763800000001,
  CreateSchools1765200000000,
  CreateNotifications1765200000001,
  CreateAuditLog1765000000000,
  appRoleMigration('school-notifications'),
  CreateWebhookDeliveries1766000000000,
  AddAuditScope1767100000000,
  idempotencyKeysMigration('school-notifications'),
  AddSchoolVersion1767300000002,
  CreateParkedEvents1767400000000,
  CreateDeadLetters1767500000000,
  // Same timestamp, independent tables: TypeORM runs them in this order (its sort is stable) and tracks them by name.
  AddOutboxCheckpointCluster1767500000000,
  AddWebhookLeaseHolder1767500000000,
  AddOutboxRelayPassFunction1768100000000,
  AddAppendRefusal1769000000000,
  WebhookClaimFunction1768100000001,
  AddWebhookDueTrigger1769100000001,
];
