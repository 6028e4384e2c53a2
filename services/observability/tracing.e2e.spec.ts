import { readFileSync } from 'node:fs';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import request from 'supertest';
import type { Role } from '@csc/contracts';
import { eventually, startServices, testLogFile, testToken, type ServicesUnderTest } from '@csc/testing';
import { caseProgressionService } from '../case-progression/src/case-progression.service-definition';
import { referralIntakeService } from '../referral-intake/src/referral-intake.service-definition';
import { schoolNotificationsService } from '../school-notifications/src/school-notifications.service-definition';
import { registerSchoolWithWebhook } from './test/school-with-webhook';

const SCHOOL = '100001';
/** The trace a school's system started and sent with its calls (W3C traceparent). */
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const CORRELATION_ID = '6f1c2b1e-8a51-4d0f-9a5e-3f1d2c4b5a69';

/**
 * The services run in this process, so one tracer provider with an in-memory exporter sees every span
 * each of them makes (as each would export its own over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set).
 */
describe('one referral followed across services in one trace, and in every log line', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let running: ServicesUnderTest;
  const url = (service: string) => running.services[service].url;
  const auth = async (role: Role, org = 'LA888') => `Bearer ${await testToken({ sub: `${role.toLowerCase()}-${org}`, role, org })}`;
  const receivers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    provider.register();
    running = await startServices('tracing', [referralIntakeService, caseProgressionService, schoolNotificationsService], {
      'school-notifications': { WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' },
    });
    receivers.push(await registerSchoolWithWebhook(url('school-notifications'), { urn: SCHOOL, name: 'Tracing Primary' }));
  });
  afterAll(async () => {
    await running?.stop();
    for (const receiver of receivers) await receiver.close();
    await provider.shutdown();
  });

  it("joins the school's referral, the front door's decision, the case opened and the school's webhook in the school's trace", async () => {
    const referral = await request(url('referral-intake'))
      .post('/v1/referrals')
      .set('Authorization', await auth('SCHOOL', SCHOOL))
      .set('traceparent', TRACEPARENT)
      .set('X-Correlation-Id', CORRELATION_ID)
      .send({
        receivedAt: '2025-01-03T09:00:00Z',
        referrer: { source: '2A', organisationId: SCHOOL, name: 'Sam Example', role: 'DSL' },
        child: { givenName: 'Tess', familyName: 'Tracewell', dateOfBirth: '2014-06-01', sex: 'F', schoolUrn: SCHOOL },
        concerns: { summary: 'Attendance has dropped and she has disclosed worries at home.', factors: ['16A'] },
        consent: { given: true },
      })
      .expect(201);
    // The front door's decision, in the same trace (the console or a client passes the traceparent on).
    await request(url('referral-intake'))
      .post(`/v1/referrals/${referral.body.referralId}/decision`)
      .set('Authorization', await auth('FRONT_DOOR'))
      .set('traceparent', TRACEPARENT)
      .send({ outcome: 'ACCEPTED_FOR_ASSESSMENT', primaryNeed: 'N1', rationale: 'Disclosure.', decidedAt: '2025-01-03T15:00:00Z' })
      .expect(200);

    const inTrace = (spans: ReadableSpan[]) => spans.filter((span) => span.spanContext().traceId === TRACE_ID);
    const named = (spans: ReadableSpan[]) =>
      inTrace(spans).map(
        (span) =>
          `${span.name} [${span.attributes['messaging.consumer.group.name'] ?? span.attributes['messaging.destination.name'] ?? ''}]`,
      );
    await eventually(
      async () => {
        const spans = named(exporter.getFinishedSpans());
        const topic = (service: string) => expect.stringMatching(new RegExp(`^publish .* \\[csc\\.${service}\\.events\\.v1`));
        // referral-intake's relay published both events in the trace...
        expect(spans).toEqual(expect.arrayContaining([topic('referral-intake')]));
        expect(spans.filter((name) => name.startsWith('publish ReferralReceived')).length).toBe(1);
        expect(spans.filter((name) => name.startsWith('publish ReferralDecided')).length).toBe(1);
        // ...case-progression took the decision and opened the case, whose event its relay published in the same trace...
        expect(spans).toContain(`process ReferralDecided [case-progression${running.topicSuffix}]`);
        expect(spans.filter((name) => name.startsWith('publish CaseOpened')).length).toBe(1);
        // ...and school-notifications took both and posted to the school's webhook.
        expect(spans).toContain(`process ReferralReceived [school-notifications${running.topicSuffix}]`);
        expect(spans).toContain(`process ReferralDecided [school-notifications${running.topicSuffix}]`);
        expect(inTrace(exporter.getFinishedSpans()).filter((span) => span.name === 'deliver webhook').length).toBeGreaterThanOrEqual(2);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    // Each span's parent is in the trace too: one tree, from the school's call to its webhook.
    const spans = inTrace(exporter.getFinishedSpans());
    const deliver = spans.find((span) => span.name === 'deliver webhook')!;
    expect(deliver.attributes['csc.school_urn']).toBe(SCHOOL);
    // Nothing about the child in any span of the trace: names, types and groups only.
    expect(JSON.stringify(spans.map((span) => [span.name, span.attributes]))).not.toMatch(/Tracewell|Tess|2014-06-01/);
  });

  it('writes the trace id and the correlation id in the log lines of the request that started it', () => {
    const log = readFileSync(testLogFile('referral-intake'), 'utf8');
    const lines = log
      .split('\n')
      .filter((line) => line.includes(CORRELATION_ID))
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.traceId).toBe(TRACE_ID);
  });
});
