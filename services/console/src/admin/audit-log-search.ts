import type { ServiceName } from '../config/console-settings';
import { textOf as text } from '../forms/form-values';

/** The services that keep an audit trail of calls on children's records (README, "Audit trail"). */
export const AUDITED_SERVICES: { value: ServiceName; text: string }[] = [
  { value: 'referralIntake', text: 'Referral intake' },
  { value: 'caseProgression', text: 'Case progression' },
  { value: 'earlyHelp', text: 'Early help' },
  { value: 'schoolNotifications', text: 'School notifications' },
  { value: 'statutoryReturns', text: 'Statutory returns' },
];

/** The audit log's GET form as the browser sends it. */
export interface AuditLogForm {
  service?: string;
  childId?: string;
  userId?: string;
  before?: string;
  limit?: string;
}

export interface AuditLogSearch {
  service: ServiceName;
  childId: string;
  userId: string;
  before: string;
  limit: string;
}

/** What the form asked for; an unknown service is the first one (the select offers no other). */
export const auditLogSearchFrom = (form: AuditLogForm): AuditLogSearch => ({
  service: AUDITED_SERVICES.find((service) => service.value === form.service)?.value ?? AUDITED_SERVICES[0].value,
  childId: text(form.childId),
  userId: text(form.userId),
  before: text(form.before),
  limit: text(form.limit),
});

/** Nothing asked yet: the page shows the form only, rather than the API's "one of them is required". */
export const isAsked = (search: AuditLogSearch): boolean => Boolean(search.childId || search.userId);

/** The API's query (`GET /v1/audit-log`), or with the service for the console's own links (the next page). */
export const auditLogQuery = (search: AuditLogSearch, { withService = false, before = search.before } = {}): string => {
  const query = new URLSearchParams();
  if (withService) query.set('service', search.service);
  for (const name of ['childId', 'userId', 'limit'] as const) if (search[name]) query.set(name, search[name]);
  if (before) query.set('before', before);
  return query.toString();
};

export const AUDIT_LOG_FIELDS = { childId: 'childId', userId: 'userId', before: 'before', limit: 'limit' };
