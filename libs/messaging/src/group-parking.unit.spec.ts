import type { KafkaMessage } from 'kafkajs';
import { EVENT_HEADERS } from '@csc/contracts';
import type { EventInbox } from './event-inbox';
import { GroupParking } from './group-parking';
import type { ParkedEventStore } from './parked-event-store';
import { ParkedSequences } from './parked-sequences';
import { DEFAULT_PARKING_POLICY } from './parking-schedule';

const message = (key: string | null, type?: string): KafkaMessage =>
  ({
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from('{}'),
    offset: '0',
    timestamp: '0',
    attributes: 0,
    headers: type === undefined ? {} : { [EVENT_HEADERS.eventType]: Buffer.from(type) },
  }) as KafkaMessage;

/** The keys each batch asks the store about (the store queries only for a non-empty list). */
const parkingAsking = () => {
  const asked: string[][] = [];
  const store = {
    sequencesAmong: async (_consumer: string, keys: string[]) => {
      asked.push(keys);
      return new ParkedSequences(keys, []);
    },
  } as unknown as ParkedEventStore;
  const parking = new GroupParking({
    consumer: 'school-notifications',
    store,
    inbox: {} as EventInbox,
    policy: DEFAULT_PARKING_POLICY,
    maxTransientWaitMs: 1_000,
    log: { warn: () => undefined, error: () => undefined },
    retry: async () => ({ kind: 'handled' }),
    sendToDeadLetter: async () => undefined,
  });
  return { parking, asked };
};

const takesDecisions = (type: string) => type === 'ReferralDecided';

describe("a batch's parked sequences are looked up for the events the group takes", () => {
  it('asks about the keys of the events it takes, and of those without a type header, not of those it passes over', async () => {
    const { parking, asked } = parkingAsking();
    const parked = await parking.sequencesOf(
      [
        message('child-1', 'ReferralDecided'),
        message('child-2', 'AssessmentStarted'),
        message('child-3'),
        message(null, 'ReferralDecided'),
      ],
      takesDecisions,
    );
    expect(asked).toEqual([['child-1', 'child-3']]);
    expect([parked.knows('child-1'), parked.knows('child-2'), parked.knows('child-3')]).toEqual([true, false, true]);
  });

  it('asks about no key for a batch of events it passes over (the store then sends no query)', async () => {
    const { parking, asked } = parkingAsking();
    await parking.sequencesOf([message('child-1', 'AssessmentStarted'), message('child-2', 'CaseOpened')], takesDecisions);
    expect(asked).toEqual([[]]);
  });
});
