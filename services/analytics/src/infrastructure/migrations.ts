import type { MixedList } from 'typeorm';
import { appRoleMigration } from '@csc/platform';
import { CreateInbox1763800000001 } from '@csc/messaging';
import { CreateProjectionOffsets1763800000002 } from '@csc/projections';

/**
 * In order, the app role last (so that it is granted what the others created). Analytics writes no
 * events; its projections keep their Kafka offsets beside their rows.
 */
export const analyticsMigrations: MixedList<Function> = [
  CreateInbox1763800000001,
  CreateProjectionOffsets1763800000002,
  appRoleMigration('analytics'),
];
