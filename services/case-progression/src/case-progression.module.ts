import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { PlatformModule } from '@csc/platform';
import { CaseCommands } from './case/case-commands';
import { CaseRepository } from './case/case.repository';
import { CloseCaseController } from './case/close-case/close-case.controller';
import { Caseload } from './case/list-cases/caseload.query';
import { ListCasesController } from './case/list-cases/list-cases.controller';
import { OpenCaseWhenReferralAccepted } from './case/open-case-when-referral-accepted/open-case-when-referral-accepted';
import { ReadCasesController } from './case/read-cases/read-cases.controller';
import { ReadCaseHistoryController } from './case/read-case-history/read-case-history.controller';
import { RecordAssessmentController } from './case/record-assessment/record-assessment.controller';
import { RecordChildCharacteristicsController } from './case/record-child-characteristics/record-child-characteristics.controller';
import { RecordChildProtectionController } from './case/record-child-protection/record-child-protection.controller';
import { RecordLookedAfterController } from './case/record-looked-after/record-looked-after.controller';
import { RecordPlansController } from './case/record-plans/record-plans.controller';
import { caseProgressionMigrations } from './infrastructure/migrations';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'case-progression',
      migrations: caseProgressionMigrations,
      eventsTopic: TOPICS.caseProgression,
      personalData: true,
      auditLog: true,
    }),
  ],
  controllers: [
    OpenCaseWhenReferralAccepted,
    RecordAssessmentController,
    RecordChildProtectionController,
    RecordPlansController,
    RecordLookedAfterController,
    CloseCaseController,
    RecordChildCharacteristicsController,
    ReadCasesController,
    ListCasesController,
    ReadCaseHistoryController,
  ],
  providers: [CaseRepository, CaseCommands, Caseload],
})
export class CaseProgressionModule {}
