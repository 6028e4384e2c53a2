import { createParamDecorator, ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@csc/contracts';
import { signedInUserOf } from '../http/session';
import type { SignedInUser } from './signed-in-user';

/** Thrown when a page needs someone signed in; the page filter sends the browser to the sign-in page. */
export class SignInRequired extends Error {}

export const ForRoles = Reflector.createDecorator<Role[]>();
/** Pages anyone may see: sign-in and health. */
export const NoSignInNeeded = Reflector.createDecorator<true>({ transform: () => true });

/** Every page but those `@NoSignInNeeded()` needs someone signed in; `@ForRoles(...)` narrows it to roles. */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride(NoSignInNeeded, [context.getHandler(), context.getClass()])) return true;
    const user = signedInUserOf(context.switchToHttp().getRequest<Request>());
    if (!user) throw new SignInRequired();
    const roles = this.reflector.getAllAndOverride(ForRoles, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(user.role)) throw new ForbiddenException();
    return true;
  }
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): SignedInUser => {
  const user = signedInUserOf(context.switchToHttp().getRequest<Request>());
  if (!user) throw new SignInRequired();
  return user;
});
