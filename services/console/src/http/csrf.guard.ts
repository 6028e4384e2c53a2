import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { csrf } from './browser-security';

export class CsrfRefused extends Error {}

/** Every request but GET and HEAD must carry the session's CSRF token: a form posted from elsewhere is refused. */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    if (!csrf.isRequestValid(request)) throw new CsrfRefused();
    return true;
  }
}
