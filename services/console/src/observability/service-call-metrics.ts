import type { ServiceMetrics } from '@csc/platform';
import type { ServiceName } from '../config/console-settings';

/** What a call answered: its HTTP status, or `unreachable` when no answer came (refused, timed out). */
export type CallOutcome = number | 'unreachable';

/**
 * How long each service took to answer the console, by the service called (label `called`, since `service` names the console itself) and status: a slow page is read on
 * the dashboard as the service it waited for. Never the path called, which holds ids.
 */
export const serviceCallTimer = (metrics: ServiceMetrics) => {
  const duration = metrics.histogram({
    name: 'csc_console_service_call_duration_seconds',
    help: 'Calls the console made to the services, by the service called and its answer (an HTTP status, or unreachable), and how long each took',
    labelNames: ['called', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return (service: ServiceName) => {
    const stop = duration.startTimer({ called: service });
    return (outcome: CallOutcome) => void stop({ status: String(outcome) });
  };
};

export type ServiceCallTimer = ReturnType<typeof serviceCallTimer>;
export const SERVICE_CALL_TIMER = Symbol('SERVICE_CALL_TIMER');
