import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';

/**
 * The conversation a piece of work belongs to: the correlation id a client sent (X-Correlation-Id) or
 * one made for it, carried by every event it leads to, and its place in the trace. Set once per HTTP
 * request and per reaction, so that the events written and every log line say the same.
 */
export interface Conversation {
  correlationId: string;
  traceparent: string;
}

const current = new AsyncLocalStorage<Conversation>();

export const inConversation = <T>(conversation: Conversation, work: () => T): T => current.run(conversation, work);

export const currentConversation = (): Conversation | undefined => current.getStore();

const TRACE_ID = /^00-([0-9a-f]{32})-([0-9a-f]{16})-/;

/**
 * What a log line says of where it was written (a pino mixin): the trace and span (OpenTelemetry's
 * active span when tracing is on, else the conversation's traceparent) and the correlation id. Ids of
 * the conversation only: nothing of what it is about.
 */
export const logCorrelation = (): { traceId?: string; spanId?: string; correlationId?: string } => {
  const conversation = current.getStore();
  const active = trace.getActiveSpan()?.spanContext();
  if (active && trace.isSpanContextValid(active)) {
    return { traceId: active.traceId, spanId: active.spanId, correlationId: conversation?.correlationId };
  }
  const match = conversation ? TRACE_ID.exec(conversation.traceparent) : null;
  return match ? { traceId: match[1], spanId: match[2], correlationId: conversation!.correlationId } : {};
};
