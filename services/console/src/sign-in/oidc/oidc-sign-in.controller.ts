import { Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../../config/console-settings';
import { csrf } from '../../http/browser-security';
import { sessionOf, signedInUserOf } from '../../http/session';
import { NoSignInNeeded } from '../signed-in.guard';
import { OidcProviderClient } from './oidc-provider-client';
import { ServerSideTokens } from './server-side-tokens';
import { userFromClaims } from './user-from-claims';

const PROVIDER_UNREACHABLE = {
  status: 503,
  title: 'Sorry, you cannot sign in at the moment',
  explanation: 'The sign-in service is not answering. Try again in a few minutes.',
};
const TOKEN_STORE_UNAVAILABLE = {
  ...PROVIDER_UNREACHABLE,
  explanation: 'Signing in cannot be completed just now. Try again in a few minutes.',
};
const SIGN_IN_NOT_COMPLETED = {
  status: 400,
  title: 'Sign-in did not complete',
  explanation: 'The sign-in was interrupted, took too long, or was started in another window. Sign in again from the start.',
};
const NO_ROLE_OR_ORGANISATION = {
  status: 403,
  title: 'Your account cannot use this service yet',
  explanation:
    'You signed in, but your account does not give you a role in this service, or an organisation (your local authority, or your school). Ask your administrator to set them up, then sign in again.',
};

/** Sign-in by OpenID Connect (with OIDC_ISSUER_URL set): the local development sign-in's routes, by the provider. */
@NoSignInNeeded()
@Controller()
export class OidcSignInController {
  private readonly logger = new Logger('OidcSignIn');

  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    private readonly provider: OidcProviderClient,
    private readonly store: ServerSideTokens,
  ) {}

  @Get('sign-in')
  async signIn(@Req() request: Request, @Res() response: Response) {
    let started;
    try {
      started = await this.provider.authorizationUrl();
    } catch (error) {
      this.logger.error(`provider discovery failed (${kindOf(error)})`);
      return render(response, PROVIDER_UNREACHABLE);
    }
    sessionOf(request).signingIn = started.pending;
    response.redirect(303, started.url.href);
  }

  @Get('sign-in/callback')
  async callback(@Req() request: Request, @Res() response: Response) {
    const session = sessionOf(request);
    const pending = session.signingIn;
    // Once only: a callback replayed with the same state finds nothing to complete.
    delete session.signingIn;
    if (!pending) return render(response, SIGN_IN_NOT_COMPLETED);
    let completed;
    try {
      completed = await this.provider.completeSignIn(new URL(request.originalUrl, 'http://callback').search, pending);
    } catch (error) {
      // Never the error's message: it can quote the code, a token or claims.
      this.logger.warn(`sign-in refused (${kindOf(error)})`);
      return render(response, SIGN_IN_NOT_COMPLETED);
    }
    const user = userFromClaims(completed.claims, this.settings.oidc!);
    if (!user) {
      this.logger.warn('sign-in refused: no valid role or organisation claim');
      return render(response, NO_ROLE_OR_ORGANISATION);
    }
    let sessionId;
    try {
      sessionId = await this.store.keep(completed.tokens);
    } catch (error) {
      this.logger.error(`could not keep the session's tokens (${kindOf(error)})`);
      return render(response, TOKEN_STORE_UNAVAILABLE);
    }
    session.user = { ...user, sessionId };
    // A new CSRF token for the signed-in session: one seen before signing in is no use after.
    csrf.generateToken(request, true);
    response.redirect(303, '/');
  }

  @Post('sign-out')
  async signOut(@Req() request: Request, @Res() response: Response) {
    const sessionId = signedInUserOf(request)?.sessionId;
    const idToken = sessionId ? ((await this.store.find(sessionId))?.idToken ?? null) : null;
    if (sessionId) await this.store.forget(sessionId);
    request.session = null;
    const signedOut = new URL('/signed-out', this.settings.oidc!.redirectUrl);
    // The provider's session too, where it offers end_session; else straight to the console's own page.
    const endSession = await this.provider.endSessionUrl(idToken, signedOut).catch(() => null);
    response.redirect(303, (endSession ?? signedOut).href);
  }

  @Get('signed-out')
  signedOut(@Res() response: Response) {
    response.render('signed-out');
  }
}

const render = (response: Response, page: { status: number; title: string; explanation: string }) =>
  response.status(page.status).render('error', { ...page, pageTitle: page.title });

const kindOf = (error: unknown): string =>
  error instanceof Error ? `${error.name}${'code' in error && typeof error.code === 'string' ? ` ${error.code}` : ''}` : typeof error;
