import { Module } from '@nestjs/common';
import { ProjectionHost } from '@csc/projections';
import { PlatformModule, ProjectionsController } from '@csc/platform';
import { analyticsMigrations } from './infrastructure/migrations';
import { AnalyticsProjectionHost } from './projections/projection-host.provider';
import { appropriatenessPolicyProvider } from './views/appropriateness-policy.provider';
import { EarlyHelpViewController } from './views/early-help-view.controller';
import { EvaluationViewController } from './views/evaluation-view.controller';
import { ReferralViewsController } from './views/referral-views.controller';
import { TimelinessViewController } from './views/timeliness-view.controller';

@Module({
  imports: [PlatformModule.forService({ name: 'analytics', migrations: analyticsMigrations })],
  controllers: [
    ReferralViewsController,
    TimelinessViewController,
    EarlyHelpViewController,
    EvaluationViewController,
    ProjectionsController,
  ],
  providers: [AnalyticsProjectionHost, { provide: ProjectionHost, useExisting: AnalyticsProjectionHost }, appropriatenessPolicyProvider],
})
export class AnalyticsModule {}
