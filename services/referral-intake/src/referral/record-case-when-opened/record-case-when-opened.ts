import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { parseSealedEventData, type EventEnvelope } from '@csc/contracts';
import { KafkaEventContext } from '@csc/messaging';
import { ChildRecords } from '../../retention/child-records';

/**
 * Remembers which case a referral opened or joined, so the referral's reader sees its case id, and
 * that the child has an open case (retention runs only once everything about a child is closed).
 */
@Controller()
export class RecordCaseWhenOpened {
  constructor(private readonly records: ChildRecords) {}

  @EventPattern('CaseOpened')
  async caseOpened(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    const { referralId, caseId, childId, referralDate } = parseSealedEventData('CaseOpened', envelope.data);
    await recordCase(context, referralId, caseId);
    await this.records.opened(context.manager, `case:${caseId}`, childId, 'case', referralDate);
  }

  @EventPattern('ReferralAttachedToCase')
  async referralAttached(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    const { referralId, caseId } = parseSealedEventData('ReferralAttachedToCase', envelope.data);
    await recordCase(context, referralId, caseId);
  }
}

const recordCase = (context: KafkaEventContext, referralId: string, caseId: string) =>
  context.manager.query(`INSERT INTO referral_cases (referral_id, case_id) VALUES ($1, $2) ON CONFLICT (referral_id) DO NOTHING`, [
    referralId,
    caseId,
  ]);
