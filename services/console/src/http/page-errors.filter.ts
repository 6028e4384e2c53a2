import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { ApiRefusal, ServiceUnreachable } from '../api/api-refusal';
import { SignInRequired } from '../sign-in/signed-in.guard';
import { CsrfRefused } from './csrf.guard';

interface ErrorPage {
  status: number;
  title: string;
  explanation: string;
}

/**
 * Every failure becomes a page a person can act on (the GOV.UK pattern pages: not found, no access,
 * a problem with the service). Logged by status and kind only: what was asked about stays out of the log.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SignInRequired) return response.redirect(303, '/sign-in');
    // Health and metrics answer machines: the API's error shape, as the services' own give it.
    if (/^\/(health|metrics)(\/|$)/.test(request.path) && exception instanceof HttpException) {
      const status = exception.getStatus();
      const { message } = exception.getResponse() as { message?: string[] };
      return void response.status(status).json({ statusCode: status, error: STATUS_CODES[status], message: message ?? [] });
    }
    const page = errorPageFor(exception);
    if (page.status >= 500) this.logger.error(`${request.method} page failed: ${describe(exception)}`);
    response.status(page.status).render('error', { ...page, pageTitle: page.title });
  }
}

const errorPageFor = (exception: unknown): ErrorPage => {
  if (isCsrfRefusal(exception))
    return {
      status: 403,
      title: 'This form has expired',
      explanation: 'The form was opened before you last signed in, or in another session. Go back, reload the page and try again.',
    };
  if (exception instanceof ApiRefusal) return pageForStatus(exception.status);
  if (exception instanceof ServiceUnreachable)
    return {
      status: 503,
      title: 'Sorry, there is a problem with the service',
      explanation: 'A service the console needs is not answering. Try again in a few minutes.',
    };
  if (exception instanceof HttpException) return pageForStatus(exception.getStatus());
  return pageForStatus(500);
};

const pageForStatus = (status: number): ErrorPage => {
  switch (status) {
    case 401:
      return { status, title: 'Sign in again', explanation: 'The services did not accept your sign-in. Sign out and sign in again.' };
    case 403:
      return {
        status,
        title: 'You cannot see this page',
        explanation: 'Your role does not allow this. Go back to the home page to see what you can do.',
      };
    case 404:
      return {
        status,
        title: 'Page not found',
        explanation: 'There is nothing here, or you may not see it. Check the address, or start again from the home page.',
      };
    default:
      return status < 500
        ? { status, title: 'Sorry, that did not work', explanation: 'The request could not be completed. Go back and try again.' }
        : { status: 500, title: 'Sorry, there is a problem with the service', explanation: 'Try again later.' };
  }
};

const isCsrfRefusal = (exception: unknown): boolean => exception instanceof CsrfRefused;

const describe = (exception: unknown): string => (exception instanceof Error ? exception.name : typeof exception);
