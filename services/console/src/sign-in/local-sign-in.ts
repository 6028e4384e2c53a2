import { isRole, ROLES, type Role } from '@csc/contracts';
import type { FormErrors } from '../api/field-errors';
import type { SignedInUser } from './signed-in-user';

export interface LocalSignInForm {
  role?: string;
  organisation?: string;
}

/** Checks the local sign-in form: a role, and an organisation that fits it (a school's 6-digit URN, or an LA code). */
export const localSignInFrom = (form: LocalSignInForm): { user: SignedInUser } | { errors: FormErrors } => {
  const errors: FormErrors = { summary: [], byField: {} };
  const fail = (field: string, text: string) => {
    errors.summary.push({ text, href: `#${field}` });
    errors.byField[field] = { text };
  };
  const role = form.role;
  const organisation = (form.organisation ?? '').trim().toUpperCase();
  if (!isRole(role)) fail('role', 'Select the role you are signing in as');
  if (isRole(role) && role === 'SCHOOL' && !/^\d{6}$/.test(organisation))
    fail('organisation', "Enter the school's URN, 6 digits, like 100001");
  if (isRole(role) && role !== 'SCHOOL' && !/^[A-Z]{2,4}\d{3}$/.test(organisation))
    fail('organisation', 'Enter the local authority code, like LA888');
  if (!isRole(role) || errors.summary.length > 0) return { errors };
  return { user: { sub: `local-${role.toLowerCase()}`, role, org: organisation } };
};

export const ROLE_NAMES: Record<Role, string> = {
  FRONT_DOOR: 'Front door manager',
  SOCIAL_WORKER: 'Social worker',
  EARLY_HELP: 'Early help practitioner',
  SCHOOL: "School's designated safeguarding lead",
  ANALYST: 'Analyst',
  ADMIN: 'Administrator',
};

/** The role radios, the one chosen (if any) checked again when the form comes back with errors. */
export const roleItems = (chosen?: string) => ROLES.map((role) => ({ value: role, text: ROLE_NAMES[role], checked: role === chosen }));
