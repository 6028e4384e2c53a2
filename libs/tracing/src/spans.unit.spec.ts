import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { currentConversation, inConversation, logCorrelation } from './conversation';
import { contextOfTraceparent, inSpanOf, SpanKind, traceparentHere } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE}-00f067aa0ba902b7-01`;
const CORRELATION = '6f1c2b1e-8a51-4d0f-9a5e-3f1d2c4b5a69';

describe('the trace without a tracing SDK (tracing off)', () => {
  it("continues a traceparent's trace with a span id of its own, and runs work in no span", async () => {
    const here = traceparentHere(PARENT);
    expect(here.slice(0, 36)).toBe(PARENT.slice(0, 36));
    expect(here).not.toBe(PARENT);
    expect(await inSpanOf(PARENT, 'process X', SpanKind.CONSUMER, {}, async () => traceparentHere(PARENT).slice(3, 35))).toBe(TRACE);
  });

  it('says in a log line the conversation a piece of work belongs to, and nothing outside one', () => {
    expect(logCorrelation()).toEqual({});
    inConversation({ correlationId: CORRELATION, traceparent: PARENT }, () => {
      expect(currentConversation()?.correlationId).toBe(CORRELATION);
      expect(logCorrelation()).toEqual({ traceId: TRACE, spanId: '00f067aa0ba902b7', correlationId: CORRELATION });
    });
  });
});

describe('the trace with a tracing SDK (tracing on)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(() => provider.shutdown());
  beforeEach(() => exporter.reset());

  it("starts a span as a child of the event's traceparent, active while the work runs, so what it writes continues it", async () => {
    const written = await inSpanOf(
      PARENT,
      'process ReferralDecided',
      SpanKind.CONSUMER,
      { 'csc.event_type': 'ReferralDecided' },
      async () => traceparentHere(null),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).toBe(TRACE);
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(written).toBe(`00-${TRACE}-${span.spanContext().spanId}-01`);
    expect(span.status.code).toBe(SpanStatusCode.OK);
    inConversation({ correlationId: CORRELATION, traceparent: PARENT }, () => expect(logCorrelation().traceId).toBe(TRACE));
  });

  it('ends a span whose work failed as an error, naming only the kind of error', async () => {
    await expect(
      inSpanOf(PARENT, 'process CaseClosed', SpanKind.CONSUMER, {}, async () => {
        throw new TypeError('the child Amelia Example is not known');
      }),
    ).rejects.toThrow(TypeError);
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'TypeError' });
  });

  it('starts a new trace for an event written before traces were kept (no traceparent)', async () => {
    await inSpanOf(null, 'publish ReferralReceived', SpanKind.PRODUCER, {}, async () => undefined);
    expect(contextOfTraceparent('not a traceparent')).toBe(contextOfTraceparent(null));
    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).not.toBe(TRACE);
    expect(span.parentSpanContext).toBeUndefined();
  });
});
