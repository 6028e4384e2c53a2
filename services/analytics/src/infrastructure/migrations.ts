import type { MixedList } from 'typeorm';
import { appRoleMigration, projectionSchemaMigration } from '@csc/platform';
import { CreateDeadLetters1767500000000, CreateInbox1763800000001, CreateParkedEvents1767400000000 } from '@csc/messaging';
import {
  AddProjectionBatchStartFunction1768200000000,
  AddProjectionVersionCluster1767500000001,
  CreateProjectionOffsets1763800000002,
  CreateProjectionVersions1766100000000,
} from '@csc/projections';

/**
 * In order. Analytics writes no events; its projections keep their Kafka offsets beside their
 * rows. The app role is granted what exists before it and, by default privileges, later tables;
 * the projection schema, made after it, grants it CREATE there.
 */
export const analyticsMigrations: MixedList<Function> = [
  CreateInbox1763800000001,
  CreateProjectionOffsets1763800000002,
  appRoleMigration('analytics'),
  CreateProjectionVersions1766100000000,
  projectionSchemaMigration('analytics'),
  CreateParkedEvents1767400000000,
  CreateDeadLetters1767500000000,
  AddProjectionVersionCluster1767500000001,
  AddProjectionBatchStartFunction1768200000000,
];
