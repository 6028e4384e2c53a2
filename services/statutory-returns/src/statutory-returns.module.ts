import { Module } from '@nestjs/common';
import { PlatformModule, ProjectionsController } from '@csc/platform';
import { ProjectionHost } from '@csc/projections';
import { ChildRecordsProjectionHost } from './child-records/child-records-projection-host';
import { ChildRecordsRepository } from './child-records/child-records.repository';
import { CinCensusReturns } from './cin-census/cin-census-returns';
import { MakeCensusReturnController } from './cin-census/make-census-return/make-census-return.controller';
import { MakeAnnexAController } from './annex-a/make-annex-a/make-annex-a.controller';
import { statutoryReturnsMigrations } from './infrastructure/migrations';
import { localAuthorityProvider } from './local-authority/local-authority';

@Module({
  imports: [
    PlatformModule.forService({
      name: 'statutory-returns',
      migrations: statutoryReturnsMigrations,
      // Opens children's sealed subjects to state them in the returns (read-only access to the key vault).
      personalData: true,
      auditLog: true,
    }),
  ],
  controllers: [MakeCensusReturnController, MakeAnnexAController, ProjectionsController],
  providers: [
    ChildRecordsProjectionHost,
    { provide: ProjectionHost, useExisting: ChildRecordsProjectionHost },
    ChildRecordsRepository,
    CinCensusReturns,
    localAuthorityProvider,
  ],
})
export class StatutoryReturnsModule {}
