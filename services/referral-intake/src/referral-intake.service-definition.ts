import type { ServiceDefinition } from '@csc/platform';
import { ReferralIntakeModule } from './referral-intake.module';
import { referralIntakeMigrations } from './infrastructure/migrations';

export const referralIntakeService: ServiceDefinition & { migrations: typeof referralIntakeMigrations } = {
  name: 'referral-intake',
  title: 'Referral intake',
  description: 'The front door: referrals, the child index, information requests and decisions.',
  defaultPort: 3001,
  module: ReferralIntakeModule,
  migrations: referralIntakeMigrations,
};
