import type { ProjectionDefinition } from '@csc/projections';
import { referralsProjection } from './referrals.projection';

/** Every projection the analytics service keeps. */
export const ANALYTICS_PROJECTIONS: ProjectionDefinition[] = [referralsProjection];
