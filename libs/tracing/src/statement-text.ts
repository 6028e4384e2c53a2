/** A transaction's opening statement, sent with its BEGIN (libs/event-store/src/transaction-opening.ts). */
const SENT_WITH_BEGIN = /^START TRANSACTION; /;
/** A quoted SQL literal, as pg's escapeLiteral writes one: quotes doubled; ` E'...'` when it holds a backslash (doubled too). */
const QUOTED_LITERAL = /(?: E)?'(?:[^']|'')*'/g;

/**
 * The statement text a trace may show. A transaction's opening statement carries its values written in
 * as literals (no parameters): those literals are masked, as a bound value is never shown (the event
 * ids, relay names and offsets they hold are no business of a trace). Any other text is shown as sent:
 * it holds placeholders, not values.
 */
export const statementTextForTrace = (text: string, values?: readonly unknown[]): string =>
  (values === undefined || values.length === 0) && SENT_WITH_BEGIN.test(text) ? text.replace(QUOTED_LITERAL, '?') : text;
