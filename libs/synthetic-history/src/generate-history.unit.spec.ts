import { EVENT_DATA_SCHEMAS, eventEnvelopeSchema, parseEventData, parseSealedEventData, type EventEnvelope } from '@csc/contracts';
import { openSubject } from '@csc/privacy';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HistorySubjectKeys, subjectKeyFor } from './subject-keys';
import { generateHistory } from './generate-history';

const take = (events: Iterable<EventEnvelope>, count: number): EventEnvelope[] => {
  const taken: EventEnvelope[] = [];
  for (const event of events) {
    taken.push(event);
    if (taken.length === count) break;
  }
  return taken;
};

type Schema = keyof typeof EVENT_DATA_SCHEMAS;

describe('generateHistory', () => {
  it('gives the same events for the same seed, byte for byte, and other events for another seed', () => {
    const first = JSON.stringify(take(generateHistory({ seed: 7 }), 5000));
    expect(JSON.stringify(take(generateHistory({ seed: 7 }), 5000))).toBe(first);
    expect(JSON.stringify(take(generateHistory({ seed: 8 }), 5000))).not.toBe(first);
    expect(JSON.stringify(take(generateHistory({ seed: 'seven' }), 5000))).not.toBe(first);
  });

  it('makes a year of events that every consumer can read: a valid envelope, data valid for its schema, subjects sealed per child', () => {
    const subjectKey = Buffer.alloc(32, 7);
    const keys = new HistorySubjectKeys(subjectKey);
    const kidsByChild = new Map<string, Set<string>>();
    let count = 0;
    let sealed = 0;
    for (const event of generateHistory({ seed: 1, years: 1, subjectKey })) {
      count += 1;
      expect(eventEnvelopeSchema.safeParse(event).success).toBe(true);
      const type = event.type as Schema;
      expect(EVENT_DATA_SCHEMAS[type]).toBeDefined();
      parseSealedEventData(type, event.data);
      const data = event.data as { subject?: { kid: string } | null };
      if (data.subject) {
        sealed += 1;
        keys.note(event);
        if (event.childId) kidsByChild.set(event.childId, (kidsByChild.get(event.childId) ?? new Set()).add(data.subject.kid));
        // Opens with libs/privacy's own code (bound to the event id) and the child's own key, and the opened data parses with the full schema.
        const subject = openSubject(subjectKeyFor(subjectKey, data.subject.kid), data.subject as never, event.eventId);
        parseEventData(type, { ...data, subject });
      }
    }
    expect(count).toBeGreaterThan(40_000);
    expect(sealed).toBeGreaterThan(count / 4);
    // One key per child, as the key vault keeps them, so that one child can be erased alone.
    expect([...kidsByChild.values()].filter((kids) => kids.size > 1)).toEqual([]);
    const noted = keys.keys();
    expect(new Set(noted.map((key) => key.key.toString('hex'))).size).toBe(noted.length);
  }, 60_000);

  it('seals subjects with a key nobody holds when none is given', () => {
    const [received] = take(generateHistory({ seed: 1 }), 1);
    const subject = (received.data as { subject: never }).subject;
    expect(() => openSubject(Buffer.alloc(32, 7), subject, received.eventId)).toThrow();
  });

  it('stops at targetEvents', () => {
    let count = 0;
    for (const _event of generateHistory({ seed: 3, targetEvents: 12_345 })) count += 1;
    expect(count).toBe(12_345);
  });

  it('keeps the history in the past for a benchmark run: Kafka refuses timestamps in the future', () => {
    let lastOfDefault = '';
    for (const event of generateHistory({ seed: 3, targetEvents: 200_000 })) lastOfDefault = event.recordedAt;
    expect(lastOfDefault < new Date().toISOString()).toBe(true);
  }, 60_000);

  it('streams: 300,000 events go by without being held', () => {
    // A collection on demand, so that what is measured is what is still held, not garbage not yet collected.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const held: number[] = [];
    let count = 0;
    for (const _event of generateHistory({ seed: 5, targetEvents: 300_000 })) {
      count += 1;
      if (count % 60_000 === 0) {
        collectGarbage();
        held.push(process.memoryUsage().heapUsed);
      }
    }
    expect(count).toBe(300_000);
    // Held, the last 240,000 events would add several hundred megabytes; streamed, the heap stays flat.
    expect(held[held.length - 1] - held[0]).toBeLessThan(64 * 1024 * 1024);
  }, 180_000);
});
