import { z } from 'zod';
import { assertWritableEventData, InvalidEventDataError, parseEventData, parseSealedEventData } from './event-data';
import { tolerantSchemaOf } from './tolerant-reading';

const strict = z.strictObject({
  id: z.uuid(),
  code: z.enum(['A', 'B']),
  note: z.string().optional(),
  child: z.strictObject({ age: z.number().int().min(0), school: z.strictObject({ urn: z.string() }).nullable() }),
  factors: z.array(z.strictObject({ code: z.string() })),
  scores: z.record(z.string(), z.strictObject({ value: z.number() })),
  extras: z.strictObject({ flag: z.boolean().default(false) }).default({ flag: false }),
});

const valid = {
  id: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  code: 'A',
  child: { age: 9, school: { urn: '100001' } },
  factors: [{ code: '16A' }],
  scores: { education: { value: 4 } },
};

describe('tolerantSchemaOf: a reader derived from the strict contract', () => {
  const tolerant = tolerantSchemaOf(strict);

  it('drops fields it does not know, at every depth, where the strict schema refuses them', () => {
    const newer = {
      ...valid,
      addedInV2: 'x',
      child: { ...valid.child, ethnicity: 'WBRI', school: { urn: '100001', phase: 'PRIMARY' } },
      factors: [{ code: '16A', severity: 3 }],
      scores: { education: { value: 4, reviewedBy: 'x' } },
    };
    expect(strict.safeParse(newer).success).toBe(false);
    expect(tolerant.parse(newer)).toEqual({ ...valid, extras: { flag: false } });
  });

  it('still checks what it knows: a required field missing, a type, a format, an enum, a refinement', () => {
    const problems = (value: unknown) => tolerant.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(problems({ ...valid, id: undefined })).toEqual(['id']);
    expect(problems({ ...valid, id: 'not-a-uuid' })).toEqual(['id']);
    expect(problems({ ...valid, code: 'C' })).toEqual(['code']);
    expect(problems({ ...valid, child: { school: null } })).toEqual(['child.age']);
    expect(problems({ ...valid, child: { age: -1, school: null } })).toEqual(['child.age']);
    expect(problems({ ...valid, factors: [{}] })).toEqual(['factors.0.code']);
    expect(problems({ ...valid, scores: { education: { value: 'four' } } })).toEqual(['scores.education.value']);
  });

  it("reads a record of anything (an envelope's data) as the object it is, and still refuses what is not an object", () => {
    const envelope = tolerantSchemaOf(z.strictObject({ type: z.string(), data: z.record(z.string(), z.unknown()) }));
    const data = { referralId: 'r-1', nested: { kept: ['as', 'it', 'is'] } };
    const read = envelope.parse({ type: 'ReferralReceived', data, addedLater: true });
    expect(read).toEqual({ type: 'ReferralReceived', data });
    expect(read.data).toBe(data);
    for (const wrong of ['text', ['an', 'array'], null, 7, new Date(0)]) {
      expect(envelope.safeParse({ type: 'ReferralReceived', data: wrong }).error?.issues.map((issue) => issue.path.join('.'))).toEqual([
        'data',
      ]);
    }
    // JSON.parse makes `__proto__` an own key: left out (as zod's record does), so no copy can make it a prototype.
    const wire = envelope.parse(JSON.parse('{"type":"ReferralReceived","data":{"referralId":"r-1","__proto__":{"polluted":true}}}'));
    expect(Object.keys(wire.data)).toEqual(['referralId']);
    expect(Object.getPrototypeOf(wire.data)).toBe(Object.prototype);
    expect(({ ...wire.data } as Record<string, unknown>).polluted).toBeUndefined();
    // A record with checks of its own keeps them.
    const checked = tolerantSchemaOf(z.record(z.string(), z.unknown()).refine((data) => 'referralId' in data));
    expect(checked.safeParse({}).success).toBe(false);
    // A record whose values it knows is still read value by value.
    expect(tolerant.safeParse({ ...valid, scores: { education: { value: 'four' } } }).success).toBe(false);
  });

  it('is derived once per schema and leaves the strict one strict', () => {
    expect(tolerantSchemaOf(strict)).toBe(tolerant);
    expect(strict.safeParse({ ...valid, more: 1 }).success).toBe(false);
  });
});

const childMatched = {
  referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  rule: 'NEW_CHILD',
  matchedExistingChild: false,
  matchedReferralId: null,
  givenNameComparison: null,
  nearMissChildIds: [],
};

describe('event data: consumers read tolerantly, producers write strictly', () => {
  it('a consumer reads an event carrying a field its contract does not have, without the field', () => {
    const full = parseEventData('ChildMatched', { ...childMatched, matchedBy: 'nhsNumber' });
    expect(full).not.toHaveProperty('matchedBy');
    expect(parseSealedEventData('ChildMatched', { ...childMatched, matchedBy: 'nhsNumber' })).not.toHaveProperty('matchedBy');
  });

  it('a consumer still refuses an event without a field it needs, naming the path and never the value', () => {
    expect(() => parseSealedEventData('ChildMatched', { referralId: 'Amelia' })).toThrow(InvalidEventDataError);
    expect(() => parseSealedEventData('ChildMatched', { referralId: 'Amelia' })).toThrow(
      /referralId: invalid_format; childId: invalid_type; rule: invalid_value/,
    );
    expect(() => parseSealedEventData('ChildMatched', { referralId: 'Amelia' })).not.toThrow(/Amelia/);
  });

  it('a producer may write neither a field the contract does not have nor an old version', () => {
    const parsed = parseEventData('ChildMatched', childMatched);
    expect(() => assertWritableEventData('ChildMatched', 1, parsed)).not.toThrow();
    expect(() => assertWritableEventData('ChildMatched', 1, { ...childMatched, matchedBy: 'nhsNumber' })).toThrow(/unrecognized_keys/);
    expect(() => assertWritableEventData('ReferralReceived', 1, {})).toThrow(/schemaVersion: 1 is not the current v2/);
  });

  it('leaves event types outside the catalogue to their owners', () => {
    expect(() => assertWritableEventData('SomethingLocal', 7, { anything: true })).not.toThrow();
  });
});
