import type { MixedList } from 'typeorm';
import { appRoleMigration, CreateAuditLog1765000000000, AddAuditScope1767100000000, projectionSchemaMigration } from '@csc/platform';
import { CreateDeadLetters1767500000000, CreateInbox1763800000001, CreateParkedEvents1767400000000 } from '@csc/messaging';
import {
  AddProjectionBatchStartFunction1768200000000,
  AddProjectionVersionCluster1767500000001,
  CreateProjectionOffsets1763800000002,
  CreateProjectionVersions1766100000000,
} from '@csc/projections';

/**
 * In order. The service writes no events: it keeps a projection of the children's records (with
 * its offsets beside its rows) and the audit trail of who exported which children. The inbox is
 * for its one reaction (dropping cached keys when a child is erased). The app role comes after
 * what it must be granted; the projection schema, made after it, grants it CREATE there.
 */
export const statutoryReturnsMigrations: MixedList<Function> = [
  CreateInbox1763800000001,
  CreateProjectionOffsets1763800000002,
  CreateAuditLog1765000000000,
  appRoleMigration('statutory-returns'),
  CreateProjectionVersions1766100000000,
  projectionSchemaMigration('statutory-returns'),
  AddAuditScope1767100000000,
  CreateParkedEvents1767400000000,
  CreateDeadLetters1767500000000,
  AddProjectionVersionCluster1767500000001,
  AddProjectionBatchStartFunction1768200000000,
];
