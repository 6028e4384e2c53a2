import type { ProjectionDefinition } from '@csc/projections';
import { earlyHelpProjection } from './early-help.projection';
import { referralsProjection } from './referrals.projection';
import { timelinessProjection } from './timeliness.projection';

/** Every projection the analytics service keeps. */
export const ANALYTICS_PROJECTIONS: ProjectionDefinition[] = [referralsProjection, timelinessProjection, earlyHelpProjection];
