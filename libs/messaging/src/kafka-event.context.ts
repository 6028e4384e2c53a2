import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { Actor, EventEnvelope } from '@csc/contracts';
import { traceparentHere } from '@csc/tracing';

export interface KafkaEventDelivery {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
  consumerGroup: string;
  traceparent: string | null;
}

type ContextArgs = [EventEnvelope, EntityManager, KafkaEventDelivery];

/**
 * What a reaction gets besides the event (`@Ctx()`): the transaction in which its writes must be
 * made (the inbox entry commits with them), where the event came from, and the causation to stamp
 * on the events it appends.
 */
export class KafkaEventContext extends BaseRpcContext<ContextArgs> {
  get envelope(): EventEnvelope {
    return this.args[0];
  }

  /** The transaction shared with the inbox: write through it, or the write is not exactly-once. */
  get manager(): EntityManager {
    return this.args[1];
  }

  get delivery(): KafkaEventDelivery {
    return this.args[2];
  }

  /** Correlation, causation and trace for events appended in reaction to this one. */
  causedBy(actor: Actor): { actor: Actor; correlationId: string; causationId: string; traceparent: string } {
    return {
      actor,
      correlationId: this.envelope.correlationId,
      causationId: this.envelope.eventId,
      traceparent: traceparentHere(this.delivery.traceparent),
    };
  }
}
