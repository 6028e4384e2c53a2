import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { parseSealedEventData, type EventEnvelope } from '@csc/contracts';
import { KafkaEventContext } from '@csc/messaging';
import { ChildRecords } from './child-records';

/**
 * Keeps child_records current from the other services' events. Each reaction is idempotent (keyed by
 * the record) and commutative: a closure that arrives before its opening is kept, and the opening
 * then fills in the date only. (CaseOpened is recorded by RecordCaseWhenOpened: one reaction per type.)
 * This service's own referrals are not read back from its topic: their queue rows, written in the
 * appends' own statements, say when each was received and decided (ChildRecords.closedChildren).
 */
@Controller()
export class TrackChildRecords {
  constructor(private readonly records: ChildRecords) {}

  @EventPattern('CaseClosed')
  async caseClosed(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    const { caseId, closedOn } = parseSealedEventData('CaseClosed', envelope.data);
    if (envelope.childId) await this.records.closed(context.manager, `case:${caseId}`, envelope.childId, 'case', closedOn);
  }

  @EventPattern('BecameLookedAfter')
  async becameLookedAfter(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    const { periodId, startedOn } = parseSealedEventData('BecameLookedAfter', envelope.data);
    if (envelope.childId)
      await this.records.opened(context.manager, `looked-after:${periodId}`, envelope.childId, 'looked-after', startedOn);
  }

  @EventPattern('CeasedToBeLookedAfter')
  async ceasedToBeLookedAfter(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    const { periodId, endedOn } = parseSealedEventData('CeasedToBeLookedAfter', envelope.data);
    if (envelope.childId) await this.records.closed(context.manager, `looked-after:${periodId}`, envelope.childId, 'looked-after', endedOn);
  }

  @EventPattern('EarlyHelpEpisodeOpened')
  async episodeOpened(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    const { episodeId, openedOn } = parseSealedEventData('EarlyHelpEpisodeOpened', envelope.data);
    // An episode early help opened before the child was known counts once a step-up links it.
    if (envelope.childId) await this.records.opened(context.manager, `episode:${episodeId}`, envelope.childId, 'episode', openedOn);
  }

  @EventPattern('EarlyHelpEpisodeClosed')
  async episodeClosed(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext) {
    const { episodeId, closedOn } = parseSealedEventData('EarlyHelpEpisodeClosed', envelope.data);
    if (envelope.childId) await this.records.closed(context.manager, `episode:${episodeId}`, envelope.childId, 'episode', closedOn);
  }
}
