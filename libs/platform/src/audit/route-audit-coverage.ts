import type { DynamicModule, Type } from '@nestjs/common';
import { MetadataScanner } from '@nestjs/core';
import { IS_PUBLIC } from '@csc/auth';
import { AUDIT_CHILD_RECORD, NOT_CHILD_DATA } from './audit-marks';
import { describeRoute, routePatternOf } from './route-pattern';

export type RouteAuditMarking = 'audited' | 'not-child-data' | 'public' | 'unmarked' | 'both-markers';

export interface RouteAudit {
  route: string;
  handler: string;
  marking: RouteAuditMarking;
}

/**
 * Every HTTP route a Nest module serves (its controllers and those of everything it imports, as Nest's
 * own metadata declares them) and how it is marked for the audit trail. For a test that fails when a
 * route is neither @AuditChildRecord nor @NotChildData (nor @Public: health and docs).
 */
export const routeAuditsOf = (rootModule: Type<unknown> | DynamicModule): RouteAudit[] => {
  const scanner = new MetadataScanner();
  return controllersOf(rootModule, new Set()).flatMap((controller) =>
    scanner.getAllMethodNames(controller.prototype).flatMap((name) => {
      const handler = controller.prototype[name] as Function;
      const route = routePatternOf(controller, handler);
      return route ? [{ route: describeRoute(route), handler: `${controller.name}.${name}`, marking: markingOf(controller, handler) }] : [];
    }),
  );
};

const markingOf = (controller: Function, handler: Function): RouteAuditMarking => {
  const marked = (key: string) => Reflect.getMetadata(key, handler) !== undefined || Reflect.getMetadata(key, controller) !== undefined;
  const audited = marked(AUDIT_CHILD_RECORD);
  const notChildData = marked(NOT_CHILD_DATA);
  if (audited && notChildData) return 'both-markers';
  if (audited) return 'audited';
  if (notChildData) return 'not-child-data';
  return marked(IS_PUBLIC) ? 'public' : 'unmarked';
};

type ModuleLike = Type<unknown> | DynamicModule | Promise<DynamicModule> | undefined;

const controllersOf = (module: ModuleLike, seen: Set<unknown>): (Type<unknown> & { prototype: Record<string, unknown> })[] => {
  // Modules built asynchronously (configuration) are the frameworks', not ours: none of them serve routes.
  if (!module || module instanceof Promise || seen.has(module)) return [];
  seen.add(module);
  const dynamic = 'module' in module ? module : undefined;
  const type = dynamic ? dynamic.module : (module as Type<unknown>);
  const declared = (key: 'controllers' | 'imports') => [...(Reflect.getMetadata(key, type) ?? []), ...(dynamic?.[key] ?? [])];
  return [...declared('controllers'), ...declared('imports').flatMap((imported: ModuleLike) => controllersOf(imported, seen))];
};
