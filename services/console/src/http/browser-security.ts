import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookieSession from 'cookie-session';
import { csrfSync } from 'csrf-sync';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { ConsoleSettings } from '../config/console-settings';

/**
 * A fresh nonce per page for the one inline script GOV.UK Frontend's template has (it marks the body
 * `js-enabled` before anything paints); everything else must come from the console itself.
 */
export const cspNonce: RequestHandler = (_request, response, next) => {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
};

export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_request: IncomingMessage, response: ServerResponse) => `'nonce-${nonceOf(response)}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });

const nonceOf = (response: ServerResponse): string => (response as ServerResponse & { locals: { cspNonce: string } }).locals.cspNonce;

/**
 * The session: a signed cookie (cookie-session) that holds who signed in and the CSRF token, never an
 * access token, so signing (not encrypting) is enough. HttpOnly, SameSite=Lax, Secure in production.
 */
export const session = (settings: ConsoleSettings): RequestHandler =>
  cookieSession({
    name: 'csc_console',
    keys: settings.sessionKeys,
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.production,
    maxAge: 8 * 60 * 60 * 1000,
  });

/** Forms post urlencoded; a form's fields are short, so a small limit. */
export const formBody = (): RequestHandler => express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });

/**
 * The synchronizer-token pattern (csrf-sync): every POST carries the session's token in a hidden `_csrf`
 * field. Checked by CsrfGuard (a guard, so that a refusal reaches the page filter like any other error).
 */
export const csrf = csrfSync({
  size: 32,
  getTokenFromRequest: (request) => (typeof request.body?._csrf === 'string' ? request.body._csrf : undefined),
});
