import type { MessageHandler } from '@nestjs/microservices';
import type { EventPatternExtras } from './group-subscriptions';

/**
 * The extras of an `@EventPattern` whose reaction is idempotent by its own writes, so it needs no
 * inbox claim on a first delivery (EventInbox.handleOnce): `@EventPattern('ReferralDecided', IDEMPOTENT_BY_ITS_OWN_WRITES)`.
 *
 * Declare it only for a reaction of which every write, run again or run by two instances at once, adds
 * nothing: an insert keyed by the event (ON CONFLICT DO NOTHING, or a guard whose key a racing copy
 * meets as a unique violation, which is retried and then finds the row), each a statement that
 * commits by itself. Between two of its writes the reaction may stop (a crash, a failure), and the
 * redelivered event then makes the writes not made yet. It must throw WaitingForEarlierEvent, if at
 * all, before its first write. What the inbox gave it and it gives up: a redelivered event it had
 * dead-lettered runs again (and may now succeed) rather than being skipped.
 */
export const IDEMPOTENT_BY_ITS_OWN_WRITES: Readonly<EventPatternExtras> = Object.freeze({ idempotentByItsOwnWrites: true });

export const isIdempotentByItsOwnWrites = (handler: Pick<MessageHandler, 'extras'>): boolean =>
  (handler.extras as EventPatternExtras | undefined)?.idempotentByItsOwnWrites === true;
