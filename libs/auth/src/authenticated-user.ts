import type { Role } from '@csc/contracts';

/** The caller, from the verified token: `org` is a school's URN for SCHOOL, the LA code otherwise. */
export interface AuthenticatedUser {
  sub: string;
  role: Role;
  org: string;
}
