import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@csc/contracts';
import { inTransactionOpenedBy } from '@csc/event-store';

export type InboxOutcome = 'handled' | 'duplicate';

/** A reaction's first statement, sent with its transaction's BEGIN (inTransactionOpenedBy). */
const CLAIM = `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`;

const REPLAY_CLAIM = `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
  ON CONFLICT (consumer, event_id) DO UPDATE SET outcome = 'HANDLED', handled_at = now()
    WHERE inbox.outcome = 'DEAD_LETTERED'
  RETURNING event_id`;

/**
 * Makes a reaction idempotent: the event id is claimed and the handler's writes are made in one
 * transaction, so a redelivered event (relay republish, rebalance, crash before the offset commit)
 * finds its id already claimed and does nothing. Two instances racing on one event serialise on
 * the primary key; the second sees the first's commit and skips.
 */
export class EventInbox {
  constructor(readonly dataSource: DataSource) {}

  /**
   * `unpark`, for an event retried from `parked_events`, removes its parked row in the same
   * transaction, so the row goes exactly when the event is applied (or found already applied).
   *
   * `replay`, for a dead letter an operator re-delivers: an event the group dead-lettered may be
   * handled once more. Its DEAD_LETTERED row is flipped to HANDLED in this transaction (under the
   * row lock), so of two replays only one handles it and a later one finds it HANDLED.
   *
   * Either claim travels with the transaction's BEGIN (inTransactionOpenedBy); the parked row or the
   * letter is changed after it, in the same transaction, as GroupParking's dead-lettering does (the
   * inbox row first, then the parked one).
   */
  async handleOnce(
    consumer: string,
    envelope: EventEnvelope,
    handle: (manager: EntityManager) => Promise<void>,
    unpark?: (manager: EntityManager) => Promise<void>,
    options: { replay?: boolean } = {},
  ): Promise<InboxOutcome> {
    const claim = { text: options.replay ? REPLAY_CLAIM : CLAIM, values: [consumer, envelope.eventId, envelope.type] };
    // The parked row goes whether the event is applied or found applied already.
    return inTransactionOpenedBy(this.dataSource, claim, async (manager, claimed) => {
      await unpark?.(manager);
      if (claimed.length === 0) return 'duplicate';
      await handle(manager);
      return 'handled';
    });
  }

  /** Remembers that an event was parked on the dead-letter topic, so a redelivery skips it. */
  async recordDeadLetter(consumer: string, envelope: Pick<EventEnvelope, 'eventId' | 'type'>, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO inbox (consumer, event_id, event_type, outcome) VALUES ($1, $2, $3, 'DEAD_LETTERED') ON CONFLICT DO NOTHING`,
      [consumer, envelope.eventId, envelope.type],
    );
  }
}
