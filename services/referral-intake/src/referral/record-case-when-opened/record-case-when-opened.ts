import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { parseEventData, type EventEnvelope } from '@csc/contracts';
import { KafkaEventContext } from '@csc/messaging';

/** Remembers which case a referral opened or joined, so the referral's reader sees its case id. */
@Controller()
export class RecordCaseWhenOpened {
  @EventPattern('CaseOpened')
  async caseOpened(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    const { referralId, caseId } = parseEventData('CaseOpened', envelope.data);
    await recordCase(context, referralId, caseId);
  }

  @EventPattern('ReferralAttachedToCase')
  async referralAttached(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    const { referralId, caseId } = parseEventData('ReferralAttachedToCase', envelope.data);
    await recordCase(context, referralId, caseId);
  }
}

const recordCase = (context: KafkaEventContext, referralId: string, caseId: string) =>
  context.manager.query(`INSERT INTO referral_cases (referral_id, case_id) VALUES ($1, $2) ON CONFLICT (referral_id) DO NOTHING`, [
    referralId,
    caseId,
  ]);
