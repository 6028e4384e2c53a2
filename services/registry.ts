import { analyticsService } from './analytics/src/analytics.service-definition';
import { caseProgressionService } from './case-progression/src/case-progression.service-definition';
import { earlyHelpService } from './early-help/src/early-help.service-definition';
import { referralIntakeService } from './referral-intake/src/referral-intake.service-definition';
import { schoolNotificationsService } from './school-notifications/src/school-notifications.service-definition';
import { statutoryReturnsService } from './statutory-returns/src/statutory-returns.service-definition';

/** Every service, for the tools that act on all of them (migrations, the start script, tests). */
export const ALL_SERVICES = [
  referralIntakeService,
  caseProgressionService,
  earlyHelpService,
  schoolNotificationsService,
  analyticsService,
  statutoryReturnsService,
];
