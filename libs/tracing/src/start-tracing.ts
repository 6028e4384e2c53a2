import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_DB_QUERY_TEXT, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { statementTextForTrace } from './statement-text';

/** Requests nobody needs a trace of: probes and scrapes, every few seconds. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;
/** Attributes in which the HTTP instrumentation may put a query string, where search terms (a family name, a date of birth) travel. */
const URL_ATTRIBUTES = ['url.query', 'url.full', 'http.url', 'http.target'];

/**
 * Traces, off unless configured: with OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) set, the
 * OpenTelemetry SDK exports over OTLP/HTTP the spans of every HTTP request in and out (webhook posts),
 * every PostgreSQL query (the statement, never its parameters, nor values written into it:
 * statementTextForTrace) and the project's own spans (the relay's publish of each event, each reaction), all joined by the `traceparent` the events carry. Called first
 * in a service's main.ts, before http and pg are loaded, so that their instrumentation takes.
 * Returns the SDK (to shut down), or null when tracing is off.
 */
export const startTracing = (serviceName: string, environment: NodeJS.ProcessEnv = process.env): NodeSDK | null => {
  if (!environment.OTEL_EXPORTER_OTLP_ENDPOINT && !environment.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
        // The path only: a query string may hold what was searched for.
        applyCustomAttributesOnSpan: (span) => {
          for (const attribute of URL_ATTRIBUTES) span.setAttribute(attribute, 'REDACTED');
        },
      }),
      // The SQL text, which holds placeholders ($1...), not the values bound to them; values written in as literals are masked.
      new PgInstrumentation({
        enhancedDatabaseReporting: false,
        requestHook: (span, { query }) => {
          const shown = statementTextForTrace(query.text, query.values);
          if (shown !== query.text) span.setAttribute(ATTR_DB_QUERY_TEXT, shown);
        },
      }),
    ],
  });
  sdk.start();
  // Whatever is still buffered goes out when the service stops.
  process.once('beforeExit', () => void sdk.shutdown());
  return sdk;
};
