import type { Reflector } from '@nestjs/core';

/**
 * What marks a route as audited, and how it is read back: apart from the decorators (audit.decorators.ts),
 * which apply the interceptor, so that the recorder and the interceptor can read the marks without
 * importing the decorators (that would make a cycle: decorators, interceptor, recorder, decorators).
 */
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

export const auditedRecordOf = (reflector: Reflector, handler: Function, controller: Function): AuditedRecord | undefined =>
  reflector.getAllAndOverride<AuditedRecord | undefined>(AUDIT_CHILD_RECORD, [handler, controller]);
