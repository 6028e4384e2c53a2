import type { MixedList } from 'typeorm';
import { CreateEventStore1763800000000 } from '@csc/event-store';
import { CreateInbox1763800000001 } from '@csc/messaging';
import { CreateChildCases1764000000000 } from './migrations/create-child-cases.migration';

/** In order. The event store (events + outbox checkpoint) and the reactions' inbox come first. */
export const caseProgressionMigrations: MixedList<Function> = [
  CreateEventStore1763800000000,
  CreateInbox1763800000001,
  CreateChildCases1764000000000,
];
