import type { ServiceDefinition } from '@csc/platform';
import { CaseProgressionModule } from './case-progression.module';
import { caseProgressionMigrations } from './infrastructure/migrations';

export const caseProgressionService: ServiceDefinition & { migrations: typeof caseProgressionMigrations } = {
  name: 'case-progression',
  title: 'Case progression',
  description: 'Statutory cases from referral to closure, with the CIN census rules kept.',
  defaultPort: 3002,
  module: CaseProgressionModule,
  migrations: caseProgressionMigrations,
};
