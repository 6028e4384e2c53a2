import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../config/console-settings';
import { ServerSideTokens } from '../sign-in/oidc/server-side-tokens';
import { NoSignInNeeded } from '../sign-in/signed-in.guard';

/**
 * Liveness, and readiness meaning "can serve its pages": ready when referral-intake, which every front
 * door page reads, answers its own liveness check, and, with OpenID Connect, when the store of the
 * sessions' tokens answers (without it no one signed in can be served). The local sign-in keeps no state.
 */
@NoSignInNeeded()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    @Optional() private readonly tokens?: ServerSideTokens,
  ) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const [referralIntake, tokenStore] = await Promise.all([
      fetch(`${this.settings.serviceUrls.referralIntake}/health`, { signal: AbortSignal.timeout(2000) })
        .then((response) => response.ok)
        .catch(() => false),
      this.tokens ? this.tokens.answers() : Promise.resolve(null),
    ]);
    const problems = [
      ...(referralIntake ? [] : ['referralIntake: does not answer /health']),
      ...(tokenStore === false ? ['tokenStore: the database of sessions’ tokens does not answer'] : []),
    ];
    if (problems.length > 0) throw new ServiceUnavailableException(problems);
    return { status: 'ok', info: { referralIntake: { status: 'up' }, ...(tokenStore ? { tokenStore: { status: 'up' } } : {}) } };
  }
}
