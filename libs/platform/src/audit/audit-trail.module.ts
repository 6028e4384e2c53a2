import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor';
import { AuditLogController } from './audit-log.controller';
import { AuditOnCloseGuard } from './audit-on-close.guard';
import { AuditRecorder } from './audit-recorder';
import { AuditTrail } from './audit-trail';

/**
 * Audits every @AuditChildRecord route of the service. Import it BEFORE AuthModule: Nest runs global
 * guards in the order their modules were scanned, and AuditOnCloseGuard must see the requests the
 * auth guard refuses. `serveAuditLog` adds GET /v1/audit-log; the service's migrations must then
 * include CreateAuditLog (a route marked @AuditChildRecord without the table fails closed with 500).
 */
@Module({})
export class AuditTrailModule {
  static register({ serveAuditLog }: { serveAuditLog: boolean }): DynamicModule {
    return {
      module: AuditTrailModule,
      controllers: serveAuditLog ? [AuditLogController] : [],
      providers: [AuditTrail, AuditRecorder, { provide: APP_GUARD, useClass: AuditOnCloseGuard }, AuditInterceptor],
      // AuditInterceptor is applied by @AuditChildRecord, in the modules of the controllers it marks.
      exports: [AuditTrail, AuditRecorder, AuditInterceptor],
    };
  }
}
