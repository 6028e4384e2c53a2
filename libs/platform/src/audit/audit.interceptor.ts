import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { concatMap, type Observable } from 'rxjs';
import { AuditRecorder } from './audit-recorder';

/** A served child record is in the audit trail before the caller sees it: if the trail cannot be written, the caller gets 500. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly recorder: AuditRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const audited = this.recorder.auditedRouteOf(context);
    if (!audited) return next.handle();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        await this.recorder.recordServed(context, audited, body);
        return body;
      }),
    );
  }
}
