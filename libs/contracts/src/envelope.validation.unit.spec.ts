import { eventEnvelopeSchema, InvalidEnvelopeError, parseEnvelope } from './envelope.validation';

const validEnvelope = () => ({
  eventId: '6f1c1f0e-8a43-4c55-9f57-2f5d2b3c9a10',
  type: 'ReferralReceived',
  schemaVersion: 1,
  occurredAt: '2025-01-03T09:15:00.000Z',
  recordedAt: '2025-01-03T09:15:00.120+00:00',
  streamId: 'referral-1b2c',
  streamVersion: 1,
  childId: '0b7d7d4e-11f1-4a9c-8f3e-7d2a1c5b9e01',
  correlationId: '5a0f3f5e-7c1b-4b7a-9c2d-1e3f5a7b9c0d',
  causationId: null,
  actor: { sub: 'user-1', role: 'FRONT_DOOR', org: '888' },
  data: { referralSource: '2A' },
});

const problemsOf = (value: unknown): string[] => {
  try {
    parseEnvelope(JSON.stringify(value));
  } catch (error) {
    if (error instanceof InvalidEnvelopeError) return error.problems;
    throw error;
  }
  return [];
};

describe('parseEnvelope', () => {
  it('accepts a well-formed envelope and returns it unchanged', () => {
    expect(parseEnvelope(Buffer.from(JSON.stringify(validEnvelope())))).toEqual(validEnvelope());
  });

  it('accepts an event about no child (childId null)', () => {
    expect(parseEnvelope(JSON.stringify({ ...validEnvelope(), childId: null })).childId).toBeNull();
  });

  it.each([
    ['eventId', { eventId: 'not-a-uuid' }],
    ['type', { type: 'referral received' }],
    ['schemaVersion', { schemaVersion: 0 }],
    ['occurredAt', { occurredAt: '2025-01-03' }],
    ['streamVersion', { streamVersion: 0 }],
    ['actor.role', { actor: { sub: 'u', role: 'JANITOR', org: '888' } }],
    ['data', { data: 'not an object' }],
    ['data', { data: ['an', 'array'] }],
    ['data', { data: null }],
  ])('names %s when it is wrong', (path, override) => {
    expect(problemsOf({ ...validEnvelope(), ...override })).toEqual([expect.stringMatching(new RegExp(`^${path.replace('.', '\\.')}: `))]);
  });

  it('names a missing field', () => {
    const { correlationId: _omitted, ...withoutCorrelation } = validEnvelope();
    expect(problemsOf(withoutCorrelation)).toEqual([expect.stringMatching(/^correlationId: /)]);
  });

  it('drops, at every depth, fields a newer producer added, so they are neither refused nor kept', () => {
    const newer = { ...validEnvelope(), tenant: 'LA888', actor: { ...validEnvelope().actor, onBehalfOf: 'x' } };
    expect(parseEnvelope(JSON.stringify(newer))).toEqual(validEnvelope());
  });

  it('still refuses such fields when a producer writes (the strict schema)', () => {
    expect(eventEnvelopeSchema.safeParse({ ...validEnvelope(), childName: 'Amelia' }).success).toBe(false);
  });

  it('refuses a value that is not JSON or is empty, without echoing it', () => {
    expect(() => parseEnvelope('{"eventId": "Amelia')).toThrow('message value is not JSON');
    expect(() => parseEnvelope(null)).toThrow('message value is empty');
  });
});
