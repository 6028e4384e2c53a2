import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { IdempotencyKeys, PlatformModule } from '@csc/platform';
import { ChildIndex } from './child-index/child-index';
import { FindChildrenController } from './child-index/find-children/find-children.controller';
import { childIndexKeyProvider } from './child-index/child-index-key';
import { ChildErasure } from './erasure/child-erasure';
import { ChildRecords } from './retention/child-records';
import { RetentionController } from './retention/retention.controller';
import { RetentionSweep } from './retention/retention-sweep';
import { TrackChildRecords } from './retention/track-child-records';
import { EraseChildController } from './erasure/erase-child/erase-child.controller';
import { RecordCaseWhenOpened } from './referral/record-case-when-opened/record-case-when-opened';
import { CreateReferralWhenEarlyHelpStepsUp } from './referral/create-referral-when-early-help-steps-up/create-referral-when-early-help-steps-up';
import { referralIntakeMigrations } from './infrastructure/migrations';
import { DecideReferralController } from './referral/decide-referral/decide-referral.controller';
import { ProvideInformationController } from './referral/provide-information/provide-information.controller';
import { ListReferralsController } from './referral/list-referrals/list-referrals.controller';
import { ReferralQueue } from './referral/list-referrals/referral-queue';
import { ReadReferralsController } from './referral/read-referrals/read-referrals.controller';
import { ReadReferralHistoryController } from './referral/read-referral-history/read-referral-history.controller';
import { ReceiveReferralController } from './referral/receive-referral/receive-referral.controller';
import { ReceiveReferralHandler } from './referral/receive-referral/receive-referral.handler';
import { ReferralCommands } from './referral/referral-commands';
import { ReferralRepository } from './referral/referral.repository';
import { RequestInformationController } from './referral/request-information/request-information.controller';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'referral-intake',
      migrations: referralIntakeMigrations,
      eventsTopic: TOPICS.referralIntake,
      personalData: true,
      auditLog: true,
    }),
  ],
  controllers: [
    CreateReferralWhenEarlyHelpStepsUp,
    RecordCaseWhenOpened,
    ReceiveReferralController,
    RequestInformationController,
    ProvideInformationController,
    DecideReferralController,
    ListReferralsController,
    ReadReferralsController,
    ReadReferralHistoryController,
    EraseChildController,
    FindChildrenController,
    RetentionController,
    TrackChildRecords,
  ],
  providers: [
    ReferralRepository,
    ReferralQueue,
    ReferralCommands,
    ReceiveReferralHandler,
    ChildIndex,
    childIndexKeyProvider,
    IdempotencyKeys,
    ChildErasure,
    ChildRecords,
    RetentionSweep,
  ],
})
export class ReferralIntakeModule {}
