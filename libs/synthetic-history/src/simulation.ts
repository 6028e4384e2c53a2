import { currentSchemaVersionOf, type Actor, type EventEnvelope, type EventType } from '@csc/contracts';
import { SeededRandom, type Seed } from './seeded-random';
import { sealSubject } from '@csc/privacy';
import { rootSubjectKeyOf, subjectKeyFor } from './subject-keys';
import { TimedQueue, type Timed } from './timed-queue';

/** An event a journey has decided will happen, waiting in time order until the clock reaches it. */
interface PendingEvent extends Timed {
  occurredAt: number;
  eventId: string;
  type: EventType;
  streamId: string;
  childId: string | null;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  data: { subject?: unknown };
  kid: string;
  endsStream: boolean;
}

interface Scheduled extends Timed {
  run: (now: number) => void;
}

/** What one command or reaction appended: reactions to it take their correlation and causation from here. */
export interface Recorded {
  at: number;
  correlationId: string;
  eventIds: string[];
}

export interface Append {
  streamId: string;
  childId: string | null;
  /** The key id that seals the subjects of this stream (the child's, or the stream's while the child is unknown). */
  kid: string;
  at: number;
  actor: Actor;
  /** The event this reacts to (its correlation is carried on; it is the causation). */
  causedBy?: { eventId: string; correlationId: string };
  /** The stream's last event: its version counter can be forgotten. */
  endsStream?: boolean;
}

export interface NewEvent {
  type: EventType;
  data: object;
  /** When it happened, if not when it was recorded (a referral's receivedAt, a decision's decidedAt). */
  occurredAt?: number;
}

/**
 * The clock of a generated history: journeys append events at future moments and schedule what comes
 * later (a child coming back, a step-up referral); `run` hands out events in time order, assigning
 * stream versions and sealing subjects as each goes out. Only what is still to come is held, never
 * what has been handed out.
 */
export class Simulation {
  readonly random: SeededRandom;
  private readonly ivs: SeededRandom;
  private readonly rootKey: Buffer;
  private readonly events = new TimedQueue<PendingEvent>();
  private readonly agenda = new TimedQueue<Scheduled>();
  private readonly versions = new Map<string, number>();
  private seq = 0;

  constructor(seed: Seed, subjectKey?: Buffer) {
    this.random = new SeededRandom(seed);
    // Separate streams: sealing happens at hand-out time and must not shift the journeys' draws.
    this.ivs = SeededRandom.derived(seed, 'iv');
    this.rootKey = subjectKey ?? rootSubjectKeyOf(seed);
  }

  append(append: Append, events: NewEvent[]): Recorded {
    const correlationId = append.causedBy?.correlationId ?? this.random.uuid();
    const causationId = append.causedBy?.eventId ?? null;
    const eventIds: string[] = [];
    events.forEach((event, index) => {
      const eventId = this.random.uuid();
      eventIds.push(eventId);
      this.events.push({
        at: append.at,
        seq: this.seq++,
        // A service stamps occurredAt in code just after its transaction began (recordedAt).
        occurredAt: event.occurredAt ?? append.at + 2,
        eventId,
        type: event.type,
        streamId: append.streamId,
        childId: append.childId,
        correlationId,
        causationId,
        actor: append.actor,
        data: event.data,
        kid: append.kid,
        endsStream: append.endsStream === true && index === events.length - 1,
      });
    });
    return { at: append.at, correlationId, eventIds };
  }

  schedule(at: number, run: (now: number) => void): void {
    this.agenda.push({ at, seq: this.seq++, run });
  }

  /** Events up to (not including) `until`, at most `limit` of them. */
  *run(until: number, limit = Infinity): Generator<EventEnvelope> {
    let handedOut = 0;
    if (limit <= 0) return;
    for (;;) {
      const next = this.agenda.peek();
      const boundary = next && next.at < until ? next.at : until;
      for (let event = this.events.peek(); event && (event.at < boundary || (event.at === boundary && boundary < until));) {
        yield this.handOut(this.events.pop()!);
        handedOut += 1;
        if (handedOut >= limit) return;
        event = this.events.peek();
      }
      if (!next || next.at >= until) return;
      this.agenda.pop();
      next.run(next.at);
    }
  }

  private handOut(event: PendingEvent): EventEnvelope {
    const streamVersion = (this.versions.get(event.streamId) ?? 0) + 1;
    if (event.endsStream) this.versions.delete(event.streamId);
    else this.versions.set(event.streamId, streamVersion);
    const data = event.data;
    if (data.subject != null)
      data.subject = sealSubject(subjectKeyFor(this.rootKey, event.kid), event.kid, data.subject, event.eventId, this.ivs.bytes(12));
    return {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: currentSchemaVersionOf(event.type),
      occurredAt: new Date(event.occurredAt).toISOString(),
      recordedAt: new Date(event.at).toISOString(),
      streamId: event.streamId,
      streamVersion,
      childId: event.childId,
      correlationId: event.correlationId,
      causationId: event.causationId,
      actor: event.actor,
      data,
    };
  }
}
