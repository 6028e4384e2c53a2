import type { DataSource } from 'typeorm';
import type { ChildMatchedV1 } from '@csc/contracts';
import { somethingRecorded, type EventDescriber } from '@csc/domain';
import type { EventStore, StoredEvent } from '@csc/event-store';
import { AggregateStore, type AggregateDefinition } from '../commands/aggregate-store';
import { chronologyOf } from './chronology';

type Matched = { type: 'ChildMatched'; data: ChildMatchedV1 };

const REFERRAL = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const CHILD = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const matched = (rule: ChildMatchedV1['rule']): ChildMatchedV1 => ({
  referralId: REFERRAL,
  childId: CHILD,
  rule,
  matchedExistingChild: rule !== 'NEW_CHILD',
  matchedReferralId: null,
  givenNameComparison: null,
  nearMissChildIds: [],
});

const definition: AggregateDefinition<{ count: number }, Matched> = {
  noun: 'referral',
  streamIdOf: (id) => `referral-${id}`,
  fold: (events) => ({ count: events.length }),
  childIdOf: () => CHILD,
  ifMatch: 'optional',
};

/** A stream as a newer build may have written it: an extra field, and an event type this build does not know. */
const stored = [
  {
    type: 'ChildMatched',
    schemaVersion: 2,
    data: { ...matched('NEW_CHILD'), matchedBy: 'x' },
    actor: { sub: 'fd-7', role: 'FRONT_DOOR', org: 'LA888' },
  },
  { type: 'ChildMatched', schemaVersion: 1, data: matched('NHS_NUMBER'), actor: { sub: 'svc', role: 'SYSTEM', org: 'LA888' } },
  { type: 'ReferralTriaged', schemaVersion: 1, data: { note: 'free text' }, actor: { sub: 'fd-8', role: 'FRONT_DOOR', org: 'LA888' } },
].map(
  (event, index) => ({ ...event, streamVersion: index + 1, occurredAt: `2025-01-0${index + 3}T09:00:00.000Z` }) as unknown as StoredEvent,
);

const storeOver = (events: StoredEvent[]) =>
  new AggregateStore({ manager: {} } as unknown as DataSource, { readStream: async () => events } as unknown as EventStore, definition);

// Says nothing of a new child (as a school's describer leaves out what its reader may not know).
const describeMatch: EventDescriber<Matched> = (event) => {
  if (event.type !== 'ChildMatched') return somethingRecorded(event.type);
  return event.data.rule === 'NEW_CHILD' ? null : `Matched to a known child (${event.data.rule})`;
};

describe('a record chronology, from the same read that loads the aggregate', () => {
  it('keeps each event upcast and read tolerantly, with when, who and its version, beside the folded aggregate', async () => {
    const history = await storeOver(stored).loadWithHistory(REFERRAL);
    expect(history?.loaded).toMatchObject({ state: { count: 3 }, version: 3 });
    expect(history?.recorded[0]).toEqual({
      event: { type: 'ChildMatched', data: matched('NEW_CHILD') },
      occurredAt: '2025-01-03T09:00:00.000Z',
      actor: { sub: 'fd-7', role: 'FRONT_DOOR', org: 'LA888' },
      streamVersion: 1,
    });
  });

  it('words each event oldest first, by role and organisation only, leaving out what the describer does not tell', async () => {
    const history = await storeOver([...stored].reverse()).loadWithHistory(REFERRAL);
    const entries = chronologyOf(history!.recorded, describeMatch);
    expect(entries).toEqual([
      {
        at: '2025-01-04T09:00:00.000Z',
        what: 'Matched to a known child (NHS_NUMBER)',
        by: { role: 'SYSTEM', org: 'LA888' },
        eventType: 'ChildMatched',
        version: 2,
      },
      {
        at: '2025-01-05T09:00:00.000Z',
        what: 'Something else was recorded (ReferralTriaged)',
        by: { role: 'FRONT_DOOR', org: 'LA888' },
        eventType: 'ReferralTriaged',
        version: 3,
      },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/fd-8|free text/);
  });

  it('answers nothing for a stream that does not exist', async () => {
    expect(await storeOver([]).loadWithHistory(REFERRAL)).toBeNull();
  });
});
