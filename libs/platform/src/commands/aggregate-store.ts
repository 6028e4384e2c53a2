import { randomUUID } from 'node:crypto';
import { NotFoundException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { assertWritableEventData, currentSchemaVersionOf, readEvent, type Actor, type EventType } from '@csc/contracts';
import {
  NO_STREAM,
  PersonalDataErasedError,
  type AppendContext,
  type EventStore,
  type ExpectedVersion,
  type StoredEvent,
  type WriteAlongside,
} from '@csc/event-store';
import { versionToWriteOn, type IfMatchRule } from '../http/command-context';
import { listRowWrite, streamsMissingFrom, upsertListRow, type AggregateList } from './aggregate-list';

/** An aggregate's event as its decider and evolve see it: the catalogue's type string and its data. */
export interface DomainEvent {
  type: EventType;
  data: unknown;
}

export interface LoadedAggregate<State, Event extends DomainEvent> {
  state: State;
  /** The stream's version: what a write must be decided on (If-Match) and the ETag. */
  version: number;
  /** Every event of the stream in the shape the code knows (upcast, read tolerantly). */
  events: Event[];
}

/** One event of a stream as it was recorded: the event as the code knows it, when it happened, who caused it, its version. */
export interface RecordedEvent<Event extends DomainEvent> {
  event: Event;
  occurredAt: string;
  actor: Actor;
  streamVersion: number;
}

/** An aggregate loaded with its stream's envelopes, from one read: what a chronology is made from. */
export interface LoadedWithHistory<Loaded, Event extends DomainEvent> {
  loaded: Loaded;
  recorded: RecordedEvent<Event>[];
}

/** What the shared command path needs of one kind of aggregate (a referral, a case, an episode): pure functions and names. */
export interface AggregateDefinition<State, Event extends DomainEvent> {
  /** As a 404 names it: `id: no <noun> <id>`. */
  noun: string;
  streamIdOf(id: string): string;
  /** The aggregate's pure evolve, folded over its events from the start. */
  fold(events: readonly Event[]): State;
  /** Whether a folded stream holds a record at all; every non-empty stream does unless this says otherwise. */
  exists?(state: State): boolean;
  /** Whose record it is: every event appended carries that child's id (the Kafka key), null while unknown. */
  childIdOf(state: State): string | null;
  /** Whether a write must say which version it was decided on (`versionToWriteOn`). */
  ifMatch: IfMatchRule;
  /** When an event happened: the time of the write unless the event itself says. */
  occurredAtOf?(event: Event, now: Date): Date;
  /** Tables kept in step with the stream, in the append's transaction (an aggregate with it has its commands run in one). */
  afterAppend?(id: string, events: readonly Event[], manager: EntityManager): Promise<void>;
  /** Lists kept from the folded state in the append's own statement (see AggregateList for why here). */
  lists?: readonly AggregateList<State>[];
}

export interface AggregateCommand<Loaded, Event extends DomainEvent> {
  id: string;
  context: AppendContext;
  /** From If-Match (`expectedVersionFrom`). */
  expectedVersion: number | undefined;
  /** Whether the caller may act on this record at all; if not, 404, as if it did not exist (nothing is told). */
  mayAct?(loaded: Loaded): boolean;
  /** The aggregate's pure decider, given the command made from what was loaded: the events it decides, nothing written. */
  decide(loaded: Loaded): readonly Event[];
  /**
   * Writes that must commit with the events or not at all (the response's audit rows), made in the
   * append's own statement (WriteAlongside), given the outcome the append is about to have.
   */
  alongside?(outcome: CommandOutcome<Loaded, Event>): WriteAlongside[];
}

export interface CommandOutcome<Loaded, Event> {
  loaded: Loaded;
  /** The events appended (none when the decider decided none). */
  events: Event[];
  /** The stream's version after the write: the new ETag. */
  version: number;
  childId: string | null;
}

/** An event in the shape the code knows (upcast, read tolerantly): its type and data. */
const knownEvent = <Event extends DomainEvent>(known: { type: string; data: unknown }): Event =>
  ({ type: known.type, data: known.data }) as Event;

/** The events in the shape the code knows. */
const eventsOf = <Event extends DomainEvent>(stored: readonly StoredEvent[]): Event[] =>
  stored.map((event) => knownEvent<Event>(readEvent(event)));

/**
 * The one command path for every event-sourced aggregate: load the stream (every event upcast and
 * read tolerantly, so a stream begun under an older version of an event reads as the current one),
 * fold it with the aggregate's evolve, check If-Match (`versionToWriteOn`), call the pure decider,
 * check each new event strictly against its contract, and append on the version decided on (a write
 * racing in between is a 409, never a lost update). `withFacts` adds what a command needs beyond the
 * stream (a referral's case), read with it. A transaction only where writes follow the append (execute).
 */
export class AggregateStore<
  State,
  Event extends DomainEvent,
  Loaded extends LoadedAggregate<State, Event> = LoadedAggregate<State, Event>,
> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly aggregate: AggregateDefinition<State, Event>,
    private readonly withFacts: (loaded: LoadedAggregate<State, Event>, id: string, manager: EntityManager) => Promise<Loaded> = async (
      loaded,
    ) => loaded as Loaded,
  ) {}

  async load(id: string, manager: EntityManager = this.dataSource.manager): Promise<Loaded | null> {
    return (await this.loadWithHistory(id, manager))?.loaded ?? null;
  }

  /** As `load`, keeping each event's envelope (when, by whom, its version): the same read, the same upcasting. */
  async loadWithHistory(id: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedWithHistory<Loaded, Event> | null> {
    const stored = await this.eventStore.readStream(this.aggregate.streamIdOf(id), manager);
    if (stored.length === 0) return null;
    const recorded = stored.map((storedEvent): RecordedEvent<Event> => {
      const known = readEvent(storedEvent);
      return { event: knownEvent<Event>(known), occurredAt: known.occurredAt, actor: known.actor, streamVersion: known.streamVersion };
    });
    const events = recorded.map(({ event }) => event);
    const state = this.aggregate.fold(events);
    if (this.aggregate.exists && !this.aggregate.exists(state)) return null;
    const loaded = await this.withFacts({ state, version: stored[stored.length - 1].streamVersion, events }, id, manager);
    return { loaded, recorded };
  }

  async execute({
    id,
    context,
    expectedVersion,
    mayAct,
    decide,
    alongside,
  }: AggregateCommand<Loaded, Event>): Promise<CommandOutcome<Loaded, Event>> {
    const run = async (manager: EntityManager) => {
      const loaded = await this.load(id, manager);
      if (!loaded || (mayAct && !mayAct(loaded))) throw new NotFoundException([`id: no ${this.aggregate.noun} ${id}`]);
      const decidedOn = versionToWriteOn(id, expectedVersion, loaded.version, this.aggregate.ifMatch);
      const events = [...decide(loaded)];
      const childId = this.aggregate.childIdOf(loaded.state);
      // Appended on the version decided on, or refused: the outcome is known before the append.
      const outcome = { loaded, events, version: decidedOn + events.length, childId };
      await this.append(id, childId, decidedOn, events, context, manager, loaded.events, alongside?.(outcome));
      return outcome;
    };
    // The read and the append are two statements, and only the append writes: its version check refuses
    // it (undoing the writes alongside) if anything was written on the stream since the read, so the
    // command needs no transaction, and saves its begin and commit. Writes an aggregate makes after the
    // append (afterAppend) must commit with it: those commands keep their transaction.
    return this.aggregate.afterAppend ? this.dataSource.transaction(run) : run(this.dataSource.manager);
  }

  /**
   * Appends on the expected version (a new stream: NO_STREAM), each event checked strictly first:
   * producers write exactly their contract's current version, consumers read tolerantly. No events: nothing is written.
   */
  async append(
    id: string,
    childId: string | null,
    expectedVersion: ExpectedVersion,
    events: readonly Event[],
    context: AppendContext,
    manager?: EntityManager,
    /** The stream's events before these, when the caller has just loaded them: the lists are folded from them, not read again. */
    eventsBefore?: readonly Event[],
    /** Writes that commit with the events, made in the append's own statement (WriteAlongside). */
    alongside: readonly WriteAlongside[] = [],
  ): Promise<number> {
    if (!manager)
      return this.dataSource.transaction((within) =>
        this.append(id, childId, expectedVersion, events, context, within, eventsBefore, alongside),
      );
    const streamId = this.aggregate.streamIdOf(id);
    if (events.length === 0) {
      // Nothing to append (the decider decided nothing): the writes are made on their own, together.
      const writeAll = async (within: EntityManager) => {
        for (const write of alongside) await within.query(write.text, write.values);
      };
      await (alongside.length > 1 && !manager.queryRunner?.isTransactionActive ? this.dataSource.transaction(writeAll) : writeAll(manager));
      return typeof expectedVersion === 'number' ? expectedVersion : this.eventStore.streamVersion(streamId, manager);
    }
    const now = new Date();
    const newEvents = events.map((event) => {
      const schemaVersion = currentSchemaVersionOf(event.type);
      assertWritableEventData(event.type, schemaVersion, event.data);
      return {
        eventId: randomUUID(),
        type: event.type,
        schemaVersion,
        occurredAt: this.aggregate.occurredAtOf?.(event, now) ?? now,
        childId,
        data: event.data,
      };
    });
    const lists = this.aggregate.lists ?? [];
    const before = expectedVersion === NO_STREAM ? [] : eventsBefore;
    // The stream and the version it will have known before the append: the lists' rows go in its statement.
    const listed =
      lists.length > 0 && before && typeof expectedVersion === 'number'
        ? this.listWrites(id, lists, { events: [...before, ...events], version: expectedVersion + events.length })
        : null;
    const result = await this.eventStore.append(streamId, expectedVersion, newEvents, context, manager, [...(listed ?? []), ...alongside]);
    await this.aggregate.afterAppend?.(id, events, manager);
    if (lists.length > 0 && !listed) {
      const whole = before && { events: [...before, ...events], version: result.nextExpectedVersion };
      await this.writeLists(id, manager, lists, whole);
    }
    return result.nextExpectedVersion;
  }

  /**
   * Gives every stream that has no row in a list its row, folded from its events: a new list's
   * backfill, or a rebuild once its table is emptied. A stream whose child was erased is left out
   * (nothing of it can be read). Returns how many streams were listed.
   */
  async catchUpLists(): Promise<number> {
    this.listsCaughtUp = false;
    let listed = 0;
    for (const list of this.aggregate.lists ?? []) {
      for (const id of await streamsMissingFrom(this.dataSource.manager, list, this.aggregate.streamIdOf(''))) {
        try {
          await this.dataSource.transaction((manager) => this.writeLists(id, manager, [list]));
          listed += 1;
        } catch (error) {
          if (!(error instanceof PersonalDataErasedError)) throw error;
        }
      }
    }
    this.listsCaughtUp = true;
    return listed;
  }

  /**
   * Whether this process has listed every stream the log held when it started (catchUpLists has
   * succeeded): until then a list may lack rows, which a reader that counts on every stream having
   * one (retention's open referrals) must not take for the whole.
   */
  listsCaughtUp = false;

  /**
   * Each list's row, from the folded stream: folded from the events the command path already holds
   * (the loaded ones and the new ones) or, without them (a reaction's append, a catch-up), read back
   * inside the transaction.
   */
  private async writeLists(
    id: string,
    manager: EntityManager,
    lists: readonly AggregateList<State>[],
    whole?: { events: readonly Event[]; version: number },
  ): Promise<void> {
    let stream = whole;
    if (!stream) {
      const stored = await this.eventStore.readStream(this.aggregate.streamIdOf(id), manager);
      if (stored.length === 0) return;
      stream = { events: eventsOf<Event>(stored), version: stored[stored.length - 1].streamVersion };
    }
    const state = this.aggregate.fold(stream.events);
    if (this.aggregate.exists && !this.aggregate.exists(state)) return;
    for (const list of lists) await upsertListRow(manager, list, id, stream.version, state);
  }

  /** Each list's row from the whole stream, as writes for the append's statement (none for a stream that holds no record). */
  private listWrites(
    id: string,
    lists: readonly AggregateList<State>[],
    stream: { events: readonly Event[]; version: number },
  ): WriteAlongside[] {
    const state = this.aggregate.fold(stream.events);
    if (this.aggregate.exists && !this.aggregate.exists(state)) return [];
    return lists.flatMap((list) => listRowWrite(list, id, stream.version, state) ?? []);
  }
}
