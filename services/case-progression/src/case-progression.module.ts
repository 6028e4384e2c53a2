import { Module } from '@nestjs/common';
import { TOPICS } from '@csc/contracts';
import { PlatformModule } from '@csc/platform';
import { caseProgressionMigrations } from './infrastructure/migrations';

@Module({
  imports: [
    PlatformModule.forService({ name: 'case-progression', migrations: caseProgressionMigrations, eventsTopic: TOPICS.caseProgression }),
  ],
})
export class CaseProgressionModule {}
