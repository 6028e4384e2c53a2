import type { ServiceDefinition } from '@csc/platform';
import { EarlyHelpModule } from './early-help.module';
import { earlyHelpMigrations } from './infrastructure/migrations';

export const earlyHelpService: ServiceDefinition & { migrations: typeof earlyHelpMigrations } = {
  name: 'early-help',
  title: 'Early help',
  description: 'Early help episodes: assessment, team around the family, plan, outcomes ladder, step-up and step-down.',
  defaultPort: 3003,
  module: EarlyHelpModule,
  migrations: earlyHelpMigrations,
};
