import type { ServiceDefinition } from '@csc/platform';
import { AnalyticsModule } from './analytics.module';
import { analyticsMigrations } from './infrastructure/migrations';

export const analyticsService: ServiceDefinition & { migrations: typeof analyticsMigrations } = {
  name: 'analytics',
  title: 'Analytics',
  description: 'Projections rebuilt from the event log: appropriateness, re-referrals, timeliness, early help outcomes.',
  defaultPort: 3005,
  module: AnalyticsModule,
  migrations: analyticsMigrations,
};
