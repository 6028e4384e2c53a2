/** The roles of docs/http-api.md. A token carries exactly one; `org` is a school's URN for SCHOOL, the LA code otherwise. */
export const ROLES = ['FRONT_DOOR', 'SOCIAL_WORKER', 'EARLY_HELP', 'SCHOOL', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
