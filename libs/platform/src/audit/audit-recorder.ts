import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { WriteAlongside } from '@csc/event-store';
import type { AuthenticatedUser } from '@csc/auth';
import { auditedRecordOf, type AuditedRecord } from './audit-marks';
import { AuditTrail, type AuditEntry } from './audit-trail';
import { auditScopeOf, childRecordsServed } from './child-records-served';
import { routePatternOf, type RoutePattern } from './route-pattern';

type AuditedRequest = Request & {
  user?: AuthenticatedUser;
  id?: unknown;
  [RECORDED]?: boolean;
  [SERVED]?: boolean;
  [AUDITED]?: AuditedRoute;
  [RECORDED_WITHIN]?: { status: number; body: unknown };
};

const RECORDED = Symbol('csc:audit-recorded');
/** recordServed has seen the request (an interceptor on both the controller and the handler calls it twice). */
const SERVED = Symbol('csc:audit-served');
/** The audited route of the request, as the guard found it. */
const AUDITED = Symbol('csc:audited-route');
/** The response whose rows a write put in its own transaction: that exact body, with that status. */
const RECORDED_WITHIN = Symbol('csc:audit-recorded-within');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AuditedRoute {
  record: AuditedRecord;
  route: RoutePattern;
}

/**
 * Writes a request on an @AuditChildRecord route to the audit trail exactly once: a served response
 * by the interceptor before it is sent (recordServed), anything else (refused by a guard, invalid,
 * failed in the handler) when the response closes (recordOutcomeWhenClosed), with the status sent.
 * A write may put its response's rows in its own transaction instead (recordServedWithin): one commit
 * for both, and no write without its rows.
 */
@Injectable()
export class AuditRecorder {
  private readonly logger = new Logger('AuditTrail');
  private readonly routes = new WeakMap<Function, AuditedRoute | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  /** The audited record and route behind this call, or undefined when the route is not audited. */
  auditedRouteOf(context: ExecutionContext): AuditedRoute | undefined {
    if (context.getType() !== 'http') return undefined;
    const handler = context.getHandler();
    if (!this.routes.has(handler)) {
      const record = auditedRecordOf(this.reflector, handler, context.getClass());
      const route = routePatternOf(context.getClass(), handler);
      this.routes.set(handler, record && route ? { record, route } : null);
    }
    return this.routes.get(handler) ?? undefined;
  }

  /** Fails when the trail cannot be written: the caller then gets 500 and none of the data. */
  async recordServed(context: ExecutionContext, audited: AuditedRoute, body: unknown): Promise<void> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuditedRequest>();
    const status = http.getResponse<Response>().statusCode;
    // Marked on both its controller and its handler, a route is intercepted twice: it is recorded once.
    // (Not RECORDED: a client gone before the handler returned has its close recorded, and then this.)
    if (request[SERVED]) return;
    request[SERVED] = true;
    const within = request[RECORDED_WITHIN];
    // Written in the transaction that produced this very body: it committed, since the body was returned.
    if (!(within && within.body === body && within.status === status))
      await this.trail.record(this.entriesOf(request, audited, status, body));
    request[RECORDED] = true;
  }

  /**
   * The rows of the response a write is about to return, as writes for its append's own statement
   * (WriteAlongside), so that they commit with it or not at all. The interceptor then takes them as
   * written only for this exact body and status: a transaction that rolled back returns no body, and a
   * body made otherwise (a replay, a retry in a new transaction) is recorded as usual. None for a
   * request the guard did not find audited (the interceptor records it, as before).
   */
  servedAlongside(request: Request, status: number, body: unknown): WriteAlongside[] {
    const audited = (request as AuditedRequest)[AUDITED];
    if (!audited) return [];
    (request as AuditedRequest)[RECORDED_WITHIN] = { status, body };
    return this.trail.entriesAlongside(this.entriesOf(request as AuditedRequest, audited, status, body));
  }

  recordOutcomeWhenClosed(context: ExecutionContext, audited: AuditedRoute): void {
    const http = context.switchToHttp();
    const request = http.getRequest<AuditedRequest>();
    const response = http.getResponse<Response>();
    request[AUDITED] = audited;
    response.once('close', () => {
      if (request[RECORDED]) return;
      request[RECORDED] = true;
      this.trail.record(this.entriesOf(request, audited, response.statusCode)).catch((error: unknown) => {
        // Nothing was served; the failure itself must still be seen.
        this.logger.error(`audit trail not written for ${audited.route.method} ${audited.route.path}: ${(error as Error).message}`);
      });
    });
  }

  private entriesOf(request: AuditedRequest, { record, route }: AuditedRoute, outcome: number, body?: unknown): AuditEntry[] {
    const correlationId = request.header('x-correlation-id');
    return childRecordsServed(record, request, body).map(({ childId, resourceId }) => ({
      userSub: request.user?.sub ?? 'anonymous',
      userRole: request.user?.role ?? null,
      userOrg: request.user?.org ?? null,
      childId,
      resourceKind: record.kind,
      resourceId,
      scope: auditScopeOf(request),
      method: route.method,
      route: route.path,
      outcome,
      requestId: typeof request.id === 'string' ? request.id : null,
      correlationId: correlationId && UUID.test(correlationId) ? correlationId : null,
    }));
  }
}
