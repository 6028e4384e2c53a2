import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@csc/contracts';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC = 'csc:public';
export const ALLOWED_ROLES = 'csc:roles';

/** No token needed (health, docs). Everything else is closed unless @Roles names who may call it. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles that may call an endpoint; finer rules (a school and its own referrals) belong to the use case. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on an endpoint without authentication');
  return request.user;
});
