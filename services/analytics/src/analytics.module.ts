import { Module } from '@nestjs/common';
import { ProjectionHost } from '@csc/projections';
import { PlatformModule } from '@csc/platform';
import { analyticsMigrations } from './infrastructure/migrations';
import { AnalyticsProjectionHost } from './projections/projection-host.provider';
import { ProjectionsController } from './projections/projections.controller';
import { ReferralViewsController } from './views/referral-views.controller';

@Module({
  imports: [PlatformModule.forService({ name: 'analytics', migrations: analyticsMigrations })],
  controllers: [ReferralViewsController, ProjectionsController],
  providers: [AnalyticsProjectionHost, { provide: ProjectionHost, useExisting: AnalyticsProjectionHost }],
})
export class AnalyticsModule {}
