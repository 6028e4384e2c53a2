import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../api/api-refusal';
import { formErrorsFrom } from '../api/field-errors';
import { ServicesApi } from '../api/services-api';
import { instant } from '../front-door/display';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { AUDIT_LOG_FIELDS, AUDITED_SERVICES, auditLogQuery, auditLogSearchFrom, isAsked, type AuditLogForm } from './audit-log-search';

/** One row of `GET /v1/audit-log` (README, "Audit trail"). */
interface AuditRecord {
  id: string;
  occurredAt: string;
  userSub: string;
  userRole: string | null;
  userOrg: string | null;
  childId: string | null;
  resourceKind: string;
  resourceId: string | null;
  scope: string | null;
  method: string;
  route: string;
  outcome: number;
}

/** ADMIN reads who read or changed a child's record, or what one user did, in one service's trail, newest first. */
@ForRoles(['ADMIN'])
@Controller('admin/audit-log')
export class AuditLogController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async auditLog(@Query() form: AuditLogForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const search = auditLogSearchFrom(form);
    const shown = { search, pageTitle: 'Audit log', serviceItems: AUDITED_SERVICES, rows: [] as ReturnType<typeof rowOf>[] };
    if (!isAsked(search)) return response.render('admin/audit-log', { ...shown, asked: false });
    try {
      const { body } = await this.api.get<{ items: AuditRecord[]; nextBefore: string | null }>(
        search.service,
        `/v1/audit-log?${auditLogQuery(search)}`,
        user,
      );
      response.render('admin/audit-log', {
        ...shown,
        asked: true,
        rows: body.items.map(rowOf),
        nextPage: body.nextBefore ? `?${auditLogQuery(search, { withService: true, before: body.nextBefore })}` : null,
        firstPage: search.before ? `?${auditLogQuery(search, { withService: true, before: '' })}` : null,
      });
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 400) throw error;
      const errors = formErrorsFrom(error.messages, AUDIT_LOG_FIELDS, 'childId');
      response.status(400).render('admin/audit-log', { ...shown, pageTitle: 'Error: Audit log', asked: false, errors });
    }
  }
}

const rowOf = (record: AuditRecord) => ({
  at: instant(record.occurredAt),
  who: [record.userSub, record.userRole, record.userOrg].filter(Boolean).join(', '),
  childId: record.childId ?? '',
  record: record.resourceId ? `${record.resourceKind} ${record.resourceId}` : record.resourceKind,
  call: `${record.method} ${record.route}${record.scope ? ` (${record.scope})` : ''}`,
  outcome: record.outcome,
});
