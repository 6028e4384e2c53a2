import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ServiceMetrics } from './service-metrics';

/** Requests no route matched: one label for all of them, so a scan of random URLs cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route a request matched, as docs/http-api.md writes it (`/v1/referrals/{id}`), from Express's own routing:
 * a pattern, never the URL that was called (which may hold ids).
 */
export const routeLabelOf = (request: Pick<Request, 'baseUrl' | 'route'>): string => {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}') || '/';
};

/**
 * Counts and times every HTTP request by method, route pattern and status, measured until the
 * response is finished (so refusals by guards, pipes and filters are counted like the rest), and
 * names the request's trace span by its route pattern.
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
    // Tracing on: the request's server span, named by the same pattern (its URL is never recorded).
    const span = trace.getActiveSpan();
    response.once('finish', () => {
      const route = routeLabelOf(request);
      stop({ method: request.method, route, status: String(response.statusCode) });
      span?.setAttribute('http.route', route);
      span?.updateName(`${request.method} ${route}`);
    });
    next();
  };
};
