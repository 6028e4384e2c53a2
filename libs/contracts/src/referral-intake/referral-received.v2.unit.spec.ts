import type { EventEnvelope } from '../envelope';
import { parseSealedEventData } from '../event-data';
import { EVENT_UPCASTERS } from '../event-upcasters';
import { referralReceivedV1, type ReferralReceivedV1 } from './referral-received.v1';
import { referralReceivedV2 } from './referral-received.v2';

const v1Data: ReferralReceivedV1 = {
  referralId: '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b',
  childId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  receivedAt: '2025-01-03T10:00:00.000Z',
  source: '2A',
  referrerOrganisationId: '100001',
  child: { ageAtReferral: 10, unborn: false, sex: 'F', schoolUrn: '100001' },
  factors: ['16A'],
  consent: { given: true },
  steppedUpFromEarlyHelpEpisodeId: null,
  subject: {
    child: { givenName: 'Amelia', familyName: 'Testchild', dateOfBirth: '2014-06-01', postcode: 'FY1 4QS' },
    referrer: { name: 'Designated Safeguarding Lead', role: 'DSL' },
    concernsSummary: 'Attendance has dropped.',
  },
};

// As the event store seals it: the subject is ciphertext no upcaster can (or should) look inside.
const sealedSubject = {
  alg: 'A256GCM',
  kid: '9b9b9b9b-0000-4000-8000-000000000001',
  iv: 'AAAAAAAAAAAAAAAA',
  ct: 'c2VhbGVk',
  tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
};

const storedAsV1 = (data: unknown): EventEnvelope => ({
  eventId: '1e1e1e1e-0000-4000-8000-000000000001',
  type: 'ReferralReceived',
  schemaVersion: 1,
  occurredAt: v1Data.receivedAt,
  recordedAt: v1Data.receivedAt,
  streamId: `referral-${v1Data.referralId}`,
  streamVersion: 1,
  childId: v1Data.childId,
  correlationId: 'c1',
  causationId: null,
  actor: { sub: 'dsl', role: 'SCHOOL', org: '100001' },
  data,
});

describe('ReferralReceived v1 -> v2', () => {
  it('gives a v1 event with an open subject empty characteristics, a valid v2, leaving the original untouched', () => {
    const original = storedAsV1(structuredClone(v1Data));
    const upcast = EVENT_UPCASTERS.upcast(original, 2);

    expect(upcast.schemaVersion).toBe(2);
    const data = referralReceivedV2.parse(upcast.data);
    expect(data.subject.characteristics).toEqual({});
    expect(data).toEqual({ ...v1Data, subject: { ...v1Data.subject, characteristics: {} } });
    expect(original.data).toEqual(v1Data);
    expect(referralReceivedV1.safeParse(original.data).success).toBe(true);
  });

  it('leaves a sealed subject alone: only its owner can open it', () => {
    const sealed = { ...v1Data, subject: sealedSubject };
    const upcast = EVENT_UPCASTERS.upcast(storedAsV1(sealed), 2);

    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual(sealed);
    expect(parseSealedEventData('ReferralReceived', upcast.data).subject).toEqual(sealedSubject);
  });

  it('reads a v1 subject opened after the envelope was upcast as v2, through the schema default', () => {
    const upcast = EVENT_UPCASTERS.upcast(storedAsV1({ ...v1Data, subject: sealedSubject }), 2);
    const openedLater = { ...(upcast.data as object), subject: v1Data.subject };

    expect(referralReceivedV2.parse(openedLater).subject).toEqual({ ...v1Data.subject, characteristics: {} });
  });

  it('keeps what a v2 subject says about the child', () => {
    const v2 = { ...v1Data, subject: { ...v1Data.subject, characteristics: { ethnicity: 'WBRI', disabilities: ['NONE'] } } };
    expect(referralReceivedV2.parse(v2).subject.characteristics).toEqual({ ethnicity: 'WBRI', disabilities: ['NONE'] });
  });
});
