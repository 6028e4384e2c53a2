/**
 * A record's chronology in plain words: each service says, per event of its aggregate, what happened,
 * as a sentence a practitioner (or a school) can read. Pure, so each service's describer is unit
 * tested without a database; libs/platform reads the stream and adds when, by whom and the version.
 */

/** An event as a describer is given it: the catalogue's type string and its data (upcast, read tolerantly). */
export interface DescribableEvent {
  type: string;
  data: unknown;
}

/**
 * One sentence for an event, or null when this reader is not told of it at all (a school's view).
 * Sentences carry codes, dates and outcomes: never names or free text from the sealed subject.
 */
export type EventDescriber<Event extends DescribableEvent> = (event: Event) => string | null;

/**
 * What a describer says of an event type it does not know (one a newer build wrote): that something
 * was recorded, without reading its data, so the chronology never fails on a stream it cannot fully read.
 */
export const somethingRecorded = (type: string): string => `Something else was recorded (${type})`;

/** A census (or other published) code with its meaning, `N1: abuse or neglect`; a code outside the table as it is. */
export const codeWithLabel = (code: string, labels: Readonly<Record<string, string>>): string =>
  Object.hasOwn(labels, code) ? `${code}: ${lowerFirst(labels[code])}` : code;

// Mid-sentence, "Abuse or neglect" reads "abuse or neglect"; an initialism ("LA services", "A&E") keeps its capitals.
const lowerFirst = (text: string): string => (/^[A-Z][a-z ]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
