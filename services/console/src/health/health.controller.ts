import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../config/console-settings';
import { NoSignInNeeded } from '../sign-in/signed-in.guard';

/**
 * Liveness, and readiness meaning "can serve its pages": the console keeps no state of its own, so it
 * is ready when referral-intake, which every front door page reads, answers its own liveness check.
 */
@NoSignInNeeded()
@Controller('health')
export class HealthController {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const answered = await fetch(`${this.settings.serviceUrls.referralIntake}/health`, { signal: AbortSignal.timeout(2000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (!answered) throw new ServiceUnavailableException(['referralIntake: does not answer /health']);
    return { status: 'ok', info: { referralIntake: { status: 'up' } } };
  }
}
