import type { EventEnvelope } from '@csc/contracts';
import { columnNamed, type UpsertColumn } from '@csc/projections';

/** An event's data as a projection reads it: the ids, codes and dates it needs, never the sealed subject. */
export type EventData = Record<string, unknown>;

/** A projection column filled from the row object of the same name. */
export const column = (name: string, type: string, merge?: UpsertColumn<EventData>['merge']): UpsertColumn<EventData> =>
  columnNamed<EventData>(name, type, merge);

export const dataOf = (event: EventEnvelope): EventData => event.data as EventData;

/** The data of the batch's events of the given types, in the batch's order. */
export const dataOfType =
  (events: EventEnvelope[]) =>
  (...types: string[]): EventData[] =>
    events.filter((event) => types.includes(event.type)).map(dataOf);
