import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryPrepared, type PreparedStatement, type WriteAlongside } from '@csc/event-store';

/** One row of the audit trail, as written. */
export interface AuditEntry {
  /** The token's subject; `anonymous` when the request had no valid token. */
  userSub: string;
  userRole: string | null;
  userOrg: string | null;
  childId: string | null;
  resourceKind: string;
  resourceId: string | null;
  /** What part of the record, where the route cannot say (`year=2025-26`); null otherwise. */
  scope: string | null;
  method: string;
  /** The route pattern (`/v1/referrals/{id}`), never the URL called. */
  route: string;
  /** The HTTP status the caller got. */
  outcome: number;
  requestId: string | null;
  correlationId: string | null;
}

export interface AuditRecord extends AuditEntry {
  /** Also the paging cursor: newer rows have higher ids. */
  id: string;
  occurredAt: string;
}

export interface AuditQuery {
  childId?: string;
  userId?: string;
  /** Only rows older than this id (the previous page's `nextBefore`). */
  before?: string;
  limit: number;
}

/** Every request on an audited route writes it: prepared once per connection (queryPrepared). */
const INSERT_ENTRIES: PreparedStatement = {
  name: 'audit-trail-insert',
  text: `INSERT INTO audit_log (user_sub, user_role, user_org, child_id, resource_kind, resource_id, scope, method, route, outcome, request_id, correlation_id)
       SELECT "userSub", "userRole", "userOrg", "childId", "resourceKind", "resourceId", scope, method, route, outcome, "requestId", "correlationId"
       FROM jsonb_to_recordset($1::jsonb) AS entry("userSub" text, "userRole" text, "userOrg" text, "childId" uuid, "resourceKind" text,
         "resourceId" uuid, scope text, method text, route text, outcome smallint, "requestId" text, "correlationId" uuid)`,
};

/** The audit_log table (CreateAuditLog): written through the app role, which may only add and read. */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * All of a request's rows in one statement: they are stored together or not at all. `manager`: in
   * a write's own transaction, committed with it or not at all.
   */
  async record(entries: AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (entries.length === 0) return;
    await queryPrepared(manager, INSERT_ENTRIES, [JSON.stringify(entries)]);
  }

  /** The same rows as a write made in an append's own statement (WriteAlongside): none when there are no rows. */
  entriesAlongside(entries: AuditEntry[]): WriteAlongside[] {
    return entries.length === 0 ? [] : [{ text: INSERT_ENTRIES.text, values: [JSON.stringify(entries)] }];
  }

  /** Newest first. */
  async find({ childId, userId, before, limit }: AuditQuery): Promise<AuditRecord[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    };
    if (childId !== undefined) where((p) => `child_id = ${p}::uuid`, childId);
    if (userId !== undefined) where((p) => `user_sub = ${p}`, userId);
    if (before !== undefined) where((p) => `id < ${p}::bigint`, before);
    parameters.push(limit);
    return this.dataSource.query(
      `SELECT id::text, to_json(occurred_at) #>> '{}' AS "occurredAt", user_sub AS "userSub", user_role AS "userRole",
              user_org AS "userOrg", child_id AS "childId", resource_kind AS "resourceKind", resource_id AS "resourceId", scope,
              method, route, outcome, request_id AS "requestId", correlation_id AS "correlationId"
       FROM audit_log ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${parameters.length}`,
      parameters,
    );
  }
}
