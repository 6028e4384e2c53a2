import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor';

export const AUDIT_CHILD_RECORD = 'csc:audit-child-record';
export const NOT_CHILD_DATA = 'csc:not-child-data';

export interface AuditedRecord {
  /** What kind of record the route serves: `referral`, `case`, `episode`. */
  kind: string;
  /** The path parameter holding the record's id (default `id`). */
  idParam: string;
  /** The response field holding the record's id, when the path has none (default `<kind>Id`). */
  idField: string;
}

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

export const auditedRecordOf = (reflector: Reflector, handler: Function, controller: Function): AuditedRecord | undefined =>
  reflector.getAllAndOverride<AuditedRecord | undefined>(AUDIT_CHILD_RECORD, [handler, controller]);
