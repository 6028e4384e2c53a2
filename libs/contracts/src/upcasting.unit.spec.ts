import type { EventEnvelope } from './envelope';
import { Upcasters, UnknownSchemaVersionError, type Upcaster } from './upcasting';
import { EVENT_UPCASTERS } from './event-upcasters';
import { currentSchemaVersionOf } from './event-catalogue';

// An example of how a shape changes: v1 carried one free-text `name`; v2 split it, v3 added a default.
const splitName: Upcaster = {
  type: 'ExampleRegistered',
  fromVersion: 1,
  upcast: ({ name, ...rest }) => {
    const [givenName, ...family] = String(name).split(' ');
    return { ...rest, givenName, familyName: family.join(' ') };
  },
};
const addChannel: Upcaster = { type: 'ExampleRegistered', fromVersion: 2, upcast: (data) => ({ ...data, channel: 'UNKNOWN' }) };

const envelopeAt = (schemaVersion: number, data: Record<string, unknown>): EventEnvelope => ({
  eventId: 'e1',
  type: 'ExampleRegistered',
  schemaVersion,
  occurredAt: '2025-01-01T00:00:00Z',
  recordedAt: '2025-01-01T00:00:00Z',
  streamId: 's1',
  streamVersion: 1,
  childId: null,
  correlationId: 'c1',
  causationId: null,
  actor: { sub: 'system', role: 'SYSTEM', org: 'LA' },
  data,
});

describe('Upcasters', () => {
  const upcasters = new Upcasters([splitName, addChannel]);

  it('brings a v1 event to v3 one step at a time, leaving the original untouched', () => {
    const original = envelopeAt(1, { name: 'Amelia Jane Hart', urn: '123456' });
    const upcast = upcasters.upcast(original, 3);
    expect(upcast.schemaVersion).toBe(3);
    expect(upcast.data).toEqual({ givenName: 'Amelia', familyName: 'Jane Hart', urn: '123456', channel: 'UNKNOWN' });
    expect(original.data).toEqual({ name: 'Amelia Jane Hart', urn: '123456' });
  });

  it('passes an event already at the target version through unchanged', () => {
    const current = envelopeAt(3, { givenName: 'A', familyName: 'B', channel: 'WEB' });
    expect(upcasters.upcast(current, 3)).toBe(current);
  });

  it('refuses a missing step and a version newer than the code knows', () => {
    expect(() => new Upcasters([addChannel]).upcast(envelopeAt(1, {}), 3)).toThrow(UnknownSchemaVersionError);
    expect(() => upcasters.upcast(envelopeAt(4, {}), 3)).toThrow(UnknownSchemaVersionError);
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => new Upcasters([addChannel, addChannel])).toThrow('two upcasters from ExampleRegistered v2');
  });
});

describe('EVENT_UPCASTERS.toCurrentShape', () => {
  it('brings a catalogued event to its current version and passes an unknown type as it is', () => {
    const v1 = { ...envelopeAt(1, { subject: { child: { givenName: 'Amelia' } } }), type: 'ReferralReceived' };
    const current = EVENT_UPCASTERS.toCurrentShape(v1);
    expect(current.schemaVersion).toBe(currentSchemaVersionOf('ReferralReceived'));
    expect(current.data).toEqual({ subject: { characteristics: {}, child: { givenName: 'Amelia' } } });
    const unknown = { ...envelopeAt(1, {}), type: 'SomethingElse' };
    expect(EVENT_UPCASTERS.toCurrentShape(unknown)).toBe(unknown);
  });
});
