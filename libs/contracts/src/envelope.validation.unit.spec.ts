import { asWellFormedEnvelope, eventEnvelopeSchema, InvalidEnvelopeError, parseEnvelope } from './envelope.validation';
import { tolerantSchemaOf } from './tolerant-reading';

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

describe('asWellFormedEnvelope, the shortcut parseEnvelope takes before the schema', () => {
  const long = (length: number) => 'x'.repeat(length);
  const uuids = [
    '6f1c1f0e-8a43-4c55-9f57-2f5d2b3c9a10',
    '6F1C1F0E-8A43-4C55-9F57-2F5D2B3C9A10',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '6f1c1f0e-8a43-0c55-9f57-2f5d2b3c9a10',
    '6f1c1f0e-8a43-4c55-7f57-2f5d2b3c9a10',
    '6f1c1f0e8a434c559f572f5d2b3c9a10',
    ' 6f1c1f0e-8a43-4c55-9f57-2f5d2b3c9a10',
  ];
  const instants = [
    '2025-01-03T09:15:00.000Z',
    '2025-01-03T09:15:00+01:00',
    '2024-02-29T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2025-01-03T09:15:00',
    '2025-01-03',
    '2025-01-03T24:00:00Z',
    '2025-01-03 09:15:00Z',
  ];
  const oddValues = [undefined, null, 0, 1, 1.5, -1, 2 ** 53, '1', '', true, [], {}, ['a']];
  const counts = [1, 2, 0, -1, 1.5, 2 ** 53 - 1, 2 ** 53, '1', null];
  // An astral character is two UTF-16 units and one code point: zod counts code points, the shortcut units.
  const astral = (count: number) => '\u{1F600}'.repeat(count);
  /** Values the schema takes and the shortcut hands to it: stricter by design, never laxer. */
  const stricterByDesign: unknown[] = [astral(200), astral(50)];
  const texts = (max: number) => [long(1), long(max), long(max + 1), '', 7, null, astral(max / 2), astral(max)];
  const candidates: Array<[string, unknown, boolean]> = [];
  const add = (field: string, values: unknown[], into: (value: unknown) => unknown) =>
    values.forEach((value) =>
      candidates.push([`${field} = ${JSON.stringify(value)?.slice(0, 40)}`, into(value), stricterByDesign.includes(value)]),
    );
  const withField = (field: string) => (value: unknown) => ({ ...validEnvelope(), [field]: value });
  for (const field of ['eventId', 'correlationId', 'childId', 'causationId']) add(field, [...uuids, ...oddValues], withField(field));
  for (const field of ['occurredAt', 'recordedAt']) add(field, [...instants, ...oddValues], withField(field));
  for (const field of ['schemaVersion', 'streamVersion']) add(field, [...counts, ...oddValues], withField(field));
  add('type', ['ReferralReceived', 'X1', 'referralReceived', 'Referral Received', 'R', ...oddValues], withField('type'));
  add('streamId', [...texts(200), ...oddValues], withField('streamId'));
  const actor = (changes: Record<string, unknown>) => () => ({ ...validEnvelope(), actor: { ...validEnvelope().actor, ...changes } });
  for (const sub of texts(200)) add('actor.sub', [sub], actor({ sub }));
  for (const org of texts(50)) add('actor.org', [org], actor({ org }));
  for (const role of ['SYSTEM', 'SCHOOL', 'ANALYST', 'JANITOR', 'school', null]) add('actor.role', [role], actor({ role }));
  add('actor', [...oddValues, { sub: 'u', role: 'SYSTEM', org: '888', extra: 1 }], withField('actor'));
  const withProtoKey: unknown = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
  stricterByDesign.push(withProtoKey);
  add('data', [...oddValues, { subject: 'sealed' }, withProtoKey], withField('data'));
  add('the envelope', [null, ['an', 'array'], 'text', 3, { ...validEnvelope(), added: 'by a newer producer' }], (value) => value);
  const { causationId: _dropped, ...withoutCausation } = validEnvelope();
  candidates.push(['a missing causationId', withoutCausation, false]);

  const bySchema = tolerantSchemaOf(eventEnvelopeSchema);

  it.each(candidates)('passes what the schema passes, as the schema keeps it, and nothing else: %s', (_name, candidate, stricter) => {
    // Through JSON, as a message arrives: an own "__proto__" key and undefined fields as the wire carries them.
    const parsed: unknown = JSON.parse(JSON.stringify(candidate) ?? 'null');
    const shortcut = asWellFormedEnvelope(parsed);
    const schema = bySchema.safeParse(parsed);
    if (shortcut) expect(schema).toStrictEqual({ success: true, data: shortcut });
    else expect(schema.success && !stricter ? 'the shortcut refused what the schema passes' : 'agreed').toBe('agreed');
  });

  it('takes the usual envelope, so the schema is the exception', () => {
    const usual = [validEnvelope(), { ...validEnvelope(), childId: null, causationId: validEnvelope().correlationId }];
    for (const envelope of usual) expect(asWellFormedEnvelope(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
  });
});
