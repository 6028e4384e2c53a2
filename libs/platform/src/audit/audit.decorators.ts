import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { AUDIT_CHILD_RECORD, NOT_CHILD_DATA, type AuditedRecord } from './audit-marks';
import { AuditInterceptor } from './audit.interceptor';

export { AUDIT_CHILD_RECORD, NOT_CHILD_DATA, auditedRecordOf, type AuditedRecord } from './audit-marks';

/**
 * The route serves or changes a child's record: every call is written to the audit trail (who, which
 * child, which route, what outcome), a successful one before its response is sent. The child comes
 * from the response's `childId` (or each item's), the `:childId` path parameter, or noteAuditedChild.
 */
export const AuditChildRecord = (kind: string, options: Partial<Omit<AuditedRecord, 'kind'>> = {}) =>
  applyDecorators(
    SetMetadata<string, AuditedRecord>(AUDIT_CHILD_RECORD, {
      kind,
      idParam: options.idParam ?? 'id',
      idField: options.idField ?? `${kind}Id`,
    }),
    // The interceptor goes where the mark is, not on every route and reaction: Nest wraps each call
    // an interceptor applies to in rxjs and AsyncResource.bind, which cost referral-intake and
    // school-notifications about 0.6 ms of CPU a decision between them when it was global.
    UseInterceptors(AuditInterceptor),
  );

/** The route serves nothing about any one child (the audit trail itself, reference data): it is not audited. */
export const NotChildData = () => SetMetadata(NOT_CHILD_DATA, true);
