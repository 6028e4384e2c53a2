import 'reflect-metadata';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, IS_PUBLIC } from '@csc/auth';
import type { Role } from '@csc/contracts';
import type { ServiceDefinition } from '@csc/platform';
import { ALL_SERVICES } from '../../services/registry';

/** One HTTP route as the auth guard sees it. */
export interface DiscoveredRoute {
  method: string;
  /** As docs/http-api.md writes it: `/v1/referrals/{id}`. */
  path: string;
  /** `@Public()`: no token needed. */
  open: boolean;
  /** `@Roles(...)` on the method, else on the controller (the guard's order); none means closed to everyone. */
  roles: Role[];
}

/**
 * Every HTTP route of a service, read from the same metadata the guard reads. Nest scans the module
 * graph in preview mode (imports, dynamic modules, controllers) and instantiates nothing, so no
 * database or broker is needed and a controller added anywhere in the graph is found.
 */
export const discoverRoutes = async (definition: ServiceDefinition): Promise<DiscoveredRoute[]> => {
  const context = await NestFactory.createApplicationContext(definition.module, { preview: true, logger: false });
  try {
    const controllers = [...context.get(ModulesContainer).values()].flatMap((module) =>
      [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
    );
    return controllers.flatMap(routesOf).sort(byPathThenMethod);
  } finally {
    await context.close();
  }
};

export interface ServiceRoutes {
  service: string;
  routes: DiscoveredRoute[];
}

/** Every service in services/registry.ts, in its order; one at a time, as each preview builds a whole module graph. */
export const discoverEveryService = async (): Promise<ServiceRoutes[]> => {
  const services: ServiceRoutes[] = [];
  for (const definition of ALL_SERVICES) services.push({ service: definition.name, routes: await discoverRoutes(definition) });
  return services;
};

const reflector = new Reflector();
const scanner = new MetadataScanner();

const routesOf = (controller: Type): DiscoveredRoute[] =>
  scanner.getAllMethodNames(controller.prototype).flatMap((name) => {
    const handler = controller.prototype[name] as (...args: unknown[]) => unknown;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    // Methods without an HTTP verb are Kafka reactions (@EventPattern) or helpers.
    if (method === undefined) return [];
    const targets = [handler, controller];
    const open = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const roles = open ? [] : (reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? []);
    return pathsOf(controller).flatMap((base) =>
      pathsOf(handler).map((own) => ({ method: RequestMethod[method], path: apiPath(base, own), open, roles })),
    );
  });

const pathsOf = (target: object): string[] => {
  const path = Reflect.getMetadata(PATH_METADATA, target) as string | string[] | undefined;
  return Array.isArray(path) ? path : [path ?? ''];
};

/** Nest joins the controller's and the method's paths; docs/http-api.md writes `:id` as `{id}`. */
const apiPath = (base: string, own: string): string =>
  `/${[base, own]
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => segment.replace(/^:(\w+)$/, '{$1}'))
    .join('/')}`;

// Code-point order, not locale order: docs/http-api.md must come out the same on every machine.
const byPathThenMethod = (a: DiscoveredRoute, b: DiscoveredRoute): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : methodRank(a) - methodRank(b);

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const methodRank = (route: DiscoveredRoute): number => {
  const rank = METHOD_ORDER.indexOf(route.method);
  return rank === -1 ? METHOD_ORDER.length : rank;
};
