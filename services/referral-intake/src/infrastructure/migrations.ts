import type { MixedList } from 'typeorm';
import { appRoleMigration, CreateAuditLog1765000000000, AddAuditScope1767100000000, idempotencyKeysGrantMigration } from '@csc/platform';
import {
  AddOutboxCheckpointCluster1767500000000,
  AddAppendRefusal1769000000000,
  AddOutboxRelayPassFunction1768100000000,
  CreateEventStore1763800000000,
} from '@csc/event-store';
import { CreateDeadLetters1767500000000, CreateInbox1763800000001, CreateParkedEvents1767400000000 } from '@csc/messaging';
import { CreateChildIndex1763900000000 } from './migrations/create-child-index.migration';
import { CreateIdempotencyKeys1763900000001 } from './migrations/create-idempotency-keys.migration';
import { CreateReferralCases1764000000001 } from './migrations/create-referral-cases.migration';
import { CreateChildErasures1765100000000 } from './migrations/create-child-erasures.migration';
import { CreateChildRecords1765100000001 } from './migrations/create-child-records.migration';
import { BlindChildIndex1767200000000 } from './migrations/blind-child-index.migration';
import { AddChildIndexState1767200000001 } from './migrations/add-child-index-state.migration';
import { CreateReferralQueue1767600000000 } from './migrations/create-referral-queue.migration';
import { ChildIndexCandidatesFunction1767700000000 } from './migrations/child-index-candidates-function.migration';
import { RetireReferralChildRecords1769100000000 } from './migrations/retire-referral-child-records.migration';
import { ChildIndexLookupByIndex1769200000000 } from './migrations/child-index-lookup-by-index.migration';

/**
 * In order. The event store (events + outbox checkpoint) and the reactions' inbox come first; the
 * app role last, so that it is granted what the others created.
 */
export const referralIntakeMigrations: MixedList<Function> = [
  CreateEventStore1763800000000,
  CreateInbox1763800000001,
  CreateChildIndex1763900000000,
  CreateIdempotencyKeys1763900000001,
  CreateReferralCases1764000000001,
  CreateChildErasures1765100000000,
  CreateChildRecords1765100000001,
  CreateAuditLog1765000000000,
  appRoleMigration('referral-intake'),
  AddAuditScope1767100000000,
  BlindChildIndex1767200000000,
  AddChildIndexState1767200000001,
  idempotencyKeysGrantMigration('referral-intake'),
  CreateParkedEvents1767400000000,
  CreateDeadLetters1767500000000,
  AddOutboxCheckpointCluster1767500000000,
  CreateReferralQueue1767600000000,
  ChildIndexCandidatesFunction1767700000000,
  AddOutboxRelayPassFunction1768100000000,
  AddAppendRefusal1769000000000,
  RetireReferralChildRecords1769100000000,
  ChildIndexLookupByIndex1769200000000,
];
