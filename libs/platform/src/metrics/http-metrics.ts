import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ServiceMetrics } from './service-metrics';

/** Requests no route matched: one label for all of them, so a scan of random URLs cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route a request matched, as API.md writes it (`/v1/referrals/{id}`), from Express's own routing:
 * a pattern, never the URL that was called (which may hold ids).
 */
export const routeLabelOf = (request: Pick<Request, 'baseUrl' | 'route'>): string => {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}') || '/';
};

/**
 * Counts and times every HTTP request by method, route pattern and status, measured until the
 * response is finished (so refusals by guards, pipes and filters are counted like the rest).
 */
export const httpMetrics = (metrics: ServiceMetrics): RequestHandler => {
  const duration = metrics.histogram({
    name: 'csc_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, and how long each took to answer',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = duration.startTimer();
    response.once('finish', () => stop({ method: request.method, route: routeLabelOf(request), status: String(response.statusCode) }));
    next();
  };
};
