import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/** A route as docs/http-api.md writes it, e.g. `GET /v1/referrals/{id}`: the pattern, never the URL that was called. */
export interface RoutePattern {
  method: string;
  path: string;
}

/** From Nest's own routing metadata; undefined for a method that is not a route. */
export const routePatternOf = (controller: Function, handler: Function): RoutePattern | undefined => {
  const handlerPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
  if (handlerPath === undefined) return undefined;
  const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
  const controllerPath = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
  const path = [first(controllerPath), first(handlerPath)]
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/');
  return { method, path: `/${path}` };
};

const first = (path: string | string[] | undefined): string => (Array.isArray(path) ? (path[0] ?? '') : (path ?? ''));

export const describeRoute = ({ method, path }: RoutePattern): string => `${method} ${path}`;
