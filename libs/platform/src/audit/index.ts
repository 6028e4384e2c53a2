export * from './audit.decorators';
export * from './audit-log.migration';
export * from './audit-trail';
export { AuditRecorder } from './audit-recorder';
export * from './audit-trail.module';
export * from './child-records-served';
export * from './route-pattern';
export * from './route-audit-coverage';
export * from './audit-scope.migration';
