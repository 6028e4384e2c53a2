import type { MixedList } from 'typeorm';
import { appRoleMigration, CreateAuditLog1765000000000, AddAuditScope1767100000000 } from '@csc/platform';
import {
  AddOutboxCheckpointCluster1767500000000,
  AddAppendRefusal1769000000000,
  AddOutboxRelayPassFunction1768100000000,
  CreateEventStore1763800000000,
} from '@csc/event-store';
import { CreateDeadLetters1767500000000, CreateInbox1763800000001, CreateParkedEvents1767400000000 } from '@csc/messaging';
import { CreateCaseload1768000000000 } from './migrations/create-caseload.migration';
import { CreateChildCases1764000000000 } from './migrations/create-child-cases.migration';

/**
 * In order. The event store (events + outbox checkpoint) and the reactions' inbox come first; the
 * app role last, so that it is granted what the others created.
 */
export const caseProgressionMigrations: MixedList<Function> = [
  CreateEventStore1763800000000,
  CreateInbox1763800000001,
  CreateChildCases1764000000000,
  CreateAuditLog1765000000000,
  appRoleMigration('case-progression'),
  AddAuditScope1767100000000,
  CreateParkedEvents1767400000000,
  CreateDeadLetters1767500000000,
  AddOutboxCheckpointCluster1767500000000,
  CreateCaseload1768000000000,
  AddOutboxRelayPassFunction1768100000000,
  AddAppendRefusal1769000000000,
];
