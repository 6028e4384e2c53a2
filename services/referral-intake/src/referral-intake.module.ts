import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { PlatformModule } from '@csc/platform';
import { referralIntakeMigrations } from './infrastructure/migrations';

@Module({
  imports: [
    PlatformModule.forService({ name: 'referral-intake', migrations: referralIntakeMigrations, eventsTopic: TOPICS.referralIntake }),
  ],
})
export class ReferralIntakeModule {}
