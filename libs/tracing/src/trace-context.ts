import { RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type SpanContext } from '@opentelemetry/api';

/** W3C Trace Context: `00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>`. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export const isTraceparent = (value: string | undefined | null): value is string => !!value && TRACEPARENT.test(value);

/**
 * Trace and span ids as the OpenTelemetry SDK makes its own (tracing on or off, the ids look alike):
 * random, never all zeros, not secret. Every request and every reaction takes one, and crypto's
 * randomBytes cost about 55 µs of the 1.1-1.5 ms of CPU a request costs referral-intake at least.
 */
const ids = new RandomIdGenerator();

/** A new span in the same trace as `parent` (or a new trace when there is none), so one referral can be followed across services. */
export const childTraceparent = (parent?: string | null): string => {
  const spanId = ids.generateSpanId();
  const match = parent ? TRACEPARENT.exec(parent) : null;
  if (match) return `00-${match[1]}-${spanId}-${match[3]}`;
  return `00-${ids.generateTraceId()}-${spanId}-01`;
};

/** A span's place in its trace, as a `traceparent` header or event column says it. */
export const traceparentOf = ({ traceId, spanId, traceFlags }: SpanContext): string =>
  `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;

/**
 * The trace an event written now belongs to: the span OpenTelemetry has active here (tracing on: the
 * HTTP request's, the reaction's), so the events it writes continue the very span that wrote them;
 * otherwise, as before tracing existed, a new span id in `parent`'s trace (or a new trace).
 */
export const traceparentHere = (parent?: string | null): string => activeTraceparent() ?? childTraceparent(parent);

/** The active span's place as a `traceparent` header, for a call out to join this trace; null when no span is active (tracing off). */
export const activeTraceparent = (): string | null => {
  const active = trace.getActiveSpan()?.spanContext();
  return active && trace.isSpanContextValid(active) ? traceparentOf(active) : null;
};

/** The context to start a span in: a remote parent from a `traceparent` (an event's, a header's), else a new trace. */
export const contextOfTraceparent = (traceparent: string | null | undefined): Context => {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!match) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16), isRemote: true });
};

/** The project's spans: without a tracing SDK started (tracing off), every call here is a no-op. */
export const tracer = () => trace.getTracer('csc');

/**
 * Runs `work` in a span that continues `traceparent`'s trace, the span active meanwhile (so database
 * queries, HTTP posts and the events appended inside it join it), ended with the work's outcome.
 * Attributes name what was done, never whom: types, topics, groups, never a child or a payload.
 */
export const inSpanOf = async <T>(
  traceparent: string | null | undefined,
  name: string,
  kind: SpanKind,
  attributes: Record<string, string | number>,
  work: (span: Span) => Promise<T>,
): Promise<T> => {
  const span = tracer().startSpan(name, { kind, attributes }, contextOfTraceparent(traceparent));
  try {
    const result = await context.with(trace.setSpan(context.active(), span), () => work(span));
    span.setStatus({ code: SpanStatusCode.OK });
    return result;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'failed' });
    throw error;
  } finally {
    span.end();
  }
};

export { SpanKind };
