import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@csc/contracts';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * Every HTTP endpoint: a valid bearer token (401 otherwise), then a role the endpoint names (403
 * otherwise). An endpoint that names no roles is closed to everyone: least privilege by default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').trim().split(/\s+/);
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException(['authorization: a Bearer token is required']);
    try {
      request.user = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException([`authorization: ${error.message}`]);
      throw error;
    }

    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(request.user.role)) {
      throw new ForbiddenException([`authorization: role ${request.user.role} may not call this endpoint`]);
    }
    return true;
  }
}
