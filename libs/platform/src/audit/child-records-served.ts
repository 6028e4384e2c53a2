import type { AuditedRecord } from './audit-marks';

/** One child's record a request served or tried to: the audit trail writes one row for each. */
export interface ChildRecordRef {
  childId: string | null;
  resourceId: string | null;
}

interface AuditedRequest {
  params?: Record<string, string | undefined>;
  [NOTED_CHILDREN]?: string[];
}

const NOTED_CHILDREN = Symbol('csc:audited-children');
const NOTED_SCOPE = Symbol('csc:audited-scope');
// A scope is a code or a date a handler chose (a return's year, its reference day), never free text.
const SCOPE = /^[A-Za-z]+=[\w.:-]{1,40}$/;

/** For a response whose route pattern does not say which part it served (which year's return): kept beside each row. */
export const noteAuditScope = (request: object, scope: string): void => {
  if (SCOPE.test(scope)) (request as { [NOTED_SCOPE]?: string })[NOTED_SCOPE] = scope;
};

export const auditScopeOf = (request: object): string | null => (request as { [NOTED_SCOPE]?: string })[NOTED_SCOPE] ?? null;
// Only ids are kept: a path segment that is not a UUID could be anything a caller typed, names included.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For a response that deliberately hides the child from its caller (a school's view of an episode):
 * the audit trail must still name the child whose record was served.
 */
export const noteAuditedChild = (request: object, childId: string | null | undefined): void => {
  const audited = request as AuditedRequest;
  if (typeof childId === 'string' && UUID.test(childId)) (audited[NOTED_CHILDREN] ??= []).push(childId.toLowerCase());
};

/**
 * The child records behind a response: each item of an array (or of `items`), or the body itself, by
 * its `childId` and record id; the `:childId` and record id path parameters; children the handler
 * noted. A request that served nothing (an error) still yields one reference, from the path.
 */
export const childRecordsServed = (record: AuditedRecord, request: object, body?: unknown): ChildRecordRef[] => {
  const audited = request as AuditedRequest;
  const fromPath = { childId: uuidOrNull(audited.params?.childId), resourceId: uuidOrNull(audited.params?.[record.idParam]) };
  const refs: ChildRecordRef[] = itemsOf(body).map((item) => ({
    childId: uuidOrNull(item.childId) ?? fromPath.childId,
    resourceId: fromPath.resourceId ?? uuidOrNull(item[record.idField]),
  }));
  // A set, not a search of refs: a statutory return notes every child in it (tens of thousands).
  const named = new Set(refs.map((ref) => ref.childId));
  const unnamedRefs = refs.filter((ref) => ref.childId === null);
  for (const childId of audited[NOTED_CHILDREN] ?? []) {
    if (named.has(childId)) continue;
    named.add(childId);
    const unnamed = unnamedRefs.shift();
    if (unnamed) unnamed.childId = childId;
    else refs.push({ childId, resourceId: fromPath.resourceId });
  }
  if (refs.length === 0) refs.push(fromPath);
  return [...new Map(refs.map((ref) => [`${ref.childId}/${ref.resourceId}`, ref])).values()];
};

const itemsOf = (body: unknown): Record<string, unknown>[] => {
  const items = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.items) ? body.items : body === undefined ? [] : [body];
  return items.filter(isObject);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const uuidOrNull = (value: unknown): string | null => (typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null);
