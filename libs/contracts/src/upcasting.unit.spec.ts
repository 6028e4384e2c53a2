import type { EventEnvelope } from './envelope';
import { NewerSchemaVersionError, Upcasters, UnknownSchemaVersionError, type Upcaster } from './upcasting';
import { readEvent, readSealedEvent } from './event-reading';
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

describe('an event of a newer version than the code knows', () => {
  const childMatched = {
    referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
    childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
    rule: 'NEW_CHILD',
    matchedExistingChild: false,
    matchedReferralId: null,
    givenNameComparison: null,
    nearMissChildIds: [],
  };
  const v2 = (data: Record<string, unknown>) => ({ ...envelopeAt(2, data), type: 'ChildMatched' });

  it('is read as the version the code knows when it only added fields: the reader drops them', () => {
    const newer = v2({ ...childMatched, matchedBy: 'nhsNumber' });
    expect(EVENT_UPCASTERS.toCurrentShape(newer)).toBe(newer);
    const read = readSealedEvent(newer);
    expect(read.schemaVersion).toBe(2);
    expect(read.data).toEqual(childMatched);
  });

  it('is refused, naming what the known version misses, when it dropped or changed a field the code needs', () => {
    const { childId, ...withoutChildId } = childMatched;
    const renamed = v2({ ...withoutChildId, matchedChildId: childId });
    expect(() => EVENT_UPCASTERS.toCurrentShape(renamed)).toThrow(NewerSchemaVersionError);
    expect(() => readSealedEvent(renamed)).toThrow(
      /ChildMatched v2 is newer than the v1 this code knows and cannot be read as v1 \(childId: invalid_type\)/,
    );
  });

  it('is still refused by an explicit upcast to an older target', () => {
    expect(() => EVENT_UPCASTERS.upcast(v2(childMatched), 1)).toThrow(UnknownSchemaVersionError);
  });
});

describe('readEvent: every read path reads one shape', () => {
  it('upcasts a v1 ReferralReceived and reads it tolerantly, ignoring fields a newer producer added', () => {
    const v1 = {
      ...envelopeAt(1, {
        referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
        childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
        receivedAt: '2025-01-03T10:00:00.000Z',
        source: '2A',
        referrerOrganisationId: null,
        child: { ageAtReferral: 10, unborn: false, sex: 'F', schoolUrn: null, yearGroup: 5 },
        factors: [],
        consent: { given: true },
        steppedUpFromEarlyHelpEpisodeId: null,
        subject: { child: { givenName: 'A', familyName: 'B' }, referrer: { name: 'C' }, concernsSummary: 'D' },
        channel: 'PORTAL',
      }),
      type: 'ReferralReceived',
    };
    const read = readEvent(v1);
    expect(read.schemaVersion).toBe(2);
    const data = read.data as Record<string, Record<string, unknown>>;
    expect(data.subject.characteristics).toEqual({});
    expect(data).not.toHaveProperty('channel');
    expect(data.child).not.toHaveProperty('yearGroup');
  });
});
