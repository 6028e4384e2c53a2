import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { loggingModule, ServiceMetrics } from '@csc/platform';
import { AuditLogController } from './admin/audit-log.controller';
import { DashboardController } from './analyst/dashboard.controller';
import { ProjectionsController } from './analyst/projections.controller';
import { ServicesApi } from './api/services-api';
import { CONSOLE_SETTINGS, type ConsoleSettings } from './config/console-settings';
import { CaseloadController } from './cases/caseload.controller';
import { AssessmentController } from './cases/actions/assessment.controller';
import { CaseWrites } from './cases/actions/case-writes';
import { ChildCharacteristicsController } from './cases/actions/child-characteristics.controller';
import { ChildProtectionController } from './cases/actions/child-protection.controller';
import { ClosureController } from './cases/actions/closure.controller';
import { LookedAfterController } from './cases/actions/looked-after.controller';
import { PlansController } from './cases/actions/plans.controller';
import { CasePageController } from './cases/case-page.controller';
import { EpisodeActionsController } from './early-help/actions/episode-actions.controller';
import { CasePageView } from './cases/case-page.view';
import { EpisodesController } from './early-help/episodes.controller';
import { RequestEarlyHelpController } from './early-help/request/request-early-help.controller';
import { InboxController } from './school/inbox.controller';
import { ReturnsDownloadsController } from './returns/returns-downloads.controller';
import { ReturnsPageController } from './returns/returns-page.controller';
import { ReferController } from './school/refer.controller';
import { SchoolReferralsController } from './school/school-referrals.controller';
import { QueueController } from './front-door/queue/queue.controller';
import { ReferralPageController } from './front-door/referral/referral-page.controller';
import { HealthController } from './health/health.controller';
import { ConsoleMetricsController } from './observability/console-metrics.controller';
import { SERVICE_CALL_TIMER, serviceCallTimer } from './observability/service-call-metrics';
import { HomeController } from './home/home.controller';
import { CsrfGuard } from './http/csrf.guard';
import { PageErrorsFilter } from './http/page-errors.filter';
import { LocalAccessTokens } from './sign-in/local-access-tokens';
import { LocalSignInController } from './sign-in/local-sign-in.controller';
import { OidcAccessTokens } from './sign-in/oidc/oidc-access-tokens';
import { OidcProviderClient } from './sign-in/oidc/oidc-provider-client';
import { OidcSignInController } from './sign-in/oidc/oidc-sign-in.controller';
import { ServerSideTokens } from './sign-in/oidc/server-side-tokens';
import { ACCESS_TOKEN_SOURCE } from './sign-in/signed-in-user';
import { SignedInGuard } from './sign-in/signed-in.guard';

/** The web console: pages over the services' APIs; no Kafka, and a database only to keep OpenID Connect sessions' tokens. */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true }), loggingModule('console')],
  controllers: [
    HealthController,
    ConsoleMetricsController,
    HomeController,
    QueueController,
    ReferralPageController,
    CaseloadController,
    CasePageController,
    AssessmentController,
    ChildProtectionController,
    PlansController,
    LookedAfterController,
    ClosureController,
    ChildCharacteristicsController,
    EpisodesController,
    EpisodeActionsController,
    RequestEarlyHelpController,
    ReferController,
    SchoolReferralsController,
    InboxController,
    DashboardController,
    ProjectionsController,
    AuditLogController,
    ReturnsPageController,
    ReturnsDownloadsController,
  ],
  providers: [
    { provide: ServiceMetrics, useFactory: () => new ServiceMetrics('console') },
    { provide: SERVICE_CALL_TIMER, inject: [ServiceMetrics], useFactory: serviceCallTimer },
    ServicesApi,
    CasePageView,
    CaseWrites,
    // CSRF before sign-in: a forged post is refused whoever it claims to be from.
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: SignedInGuard },
    { provide: APP_FILTER, useClass: PageErrorsFilter },
  ],
})
export class ConsoleModule {
  /** With its settings, and the sign-in they choose: OpenID Connect with OIDC_ISSUER_URL, else the local development sign-in. */
  static withSettings(settings: ConsoleSettings): DynamicModule {
    const signIn = settings.oidc
      ? {
          controllers: [OidcSignInController],
          providers: [
            // Only here: the local sign-in keeps no tokens, and so the console needs no database.
            { provide: ServerSideTokens, useFactory: () => new ServerSideTokens(settings.tokenStore!) },
            OidcProviderClient,
            { provide: ACCESS_TOKEN_SOURCE, useClass: OidcAccessTokens },
          ],
        }
      : { controllers: [LocalSignInController], providers: [{ provide: ACCESS_TOKEN_SOURCE, useClass: LocalAccessTokens }] };
    return {
      module: ConsoleModule,
      controllers: signIn.controllers,
      providers: [{ provide: CONSOLE_SETTINGS, useValue: settings }, ...signIn.providers],
    };
  }
}
