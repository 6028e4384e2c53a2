import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../config/console-settings';
import { csrf } from '../http/browser-security';
import { sessionOf } from '../http/session';
import { localSignInFrom, roleItems, type LocalSignInForm } from './local-sign-in';
import { NoSignInNeeded } from './signed-in.guard';

const REFUSED_IN_PRODUCTION = {
  pageTitle: 'Sign-in is not available',
  title: 'Sign-in is not available',
  explanation:
    'Choosing a role is for development only and is turned off in production, where people sign in with their organisation’s account.',
  status: 403,
};

/** Development sign-in: choose a role and an organisation. Not used with OIDC_ISSUER_URL; refused with NODE_ENV=production, should it ever be reached. */
@NoSignInNeeded()
@Controller()
export class LocalSignInController {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  @Get('sign-in')
  page(@Res() response: Response) {
    if (this.settings.production) return response.status(403).render('error', REFUSED_IN_PRODUCTION);
    response.render('sign-in', { roleItems: roleItems(), values: {} });
  }

  @Post('sign-in')
  signIn(@Body() form: LocalSignInForm, @Req() request: Request, @Res() response: Response) {
    if (this.settings.production) return response.status(403).render('error', REFUSED_IN_PRODUCTION);
    const outcome = localSignInFrom(form);
    if ('errors' in outcome)
      return response.status(400).render('sign-in', { roleItems: roleItems(form.role), values: form, errors: outcome.errors });
    sessionOf(request).user = outcome.user;
    // A new token for the signed-in session: one seen before signing in is no use after.
    csrf.generateToken(request, true);
    response.redirect(303, '/');
  }

  @Post('sign-out')
  signOut(@Req() request: Request, @Res() response: Response) {
    request.session = null;
    response.redirect(303, '/sign-in');
  }
}
