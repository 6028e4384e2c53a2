import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuditRecorder } from './audit-recorder';

/**
 * Must run before the auth guard (it is registered first, see AuditTrailModule): a request the auth
 * guard refuses (401, 403) never reaches the interceptor, yet trying to reach a child's record is
 * exactly what the trail must show. It only arranges the recording; it never refuses anything.
 */
@Injectable()
export class AuditOnCloseGuard implements CanActivate {
  constructor(private readonly recorder: AuditRecorder) {}

  canActivate(context: ExecutionContext): boolean {
    const audited = this.recorder.auditedRouteOf(context);
    if (audited) this.recorder.recordOutcomeWhenClosed(context, audited);
    return true;
  }
}
