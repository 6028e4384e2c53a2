import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { parseSealedEventData, type EventEnvelope } from '@csc/contracts';
import { nameBasedUuid } from '@csc/domain';
import { NO_STREAM } from '@csc/event-store';
import { KafkaEventContext } from '@csc/messaging';
import { SubjectProtection } from '@csc/privacy';
import { decide } from '../case.decider';
import { CaseRepository } from '../case.repository';
import { initialCaseState } from '../domain/case.state';

/**
 * A referral accepted for assessment opens a case, once: the case id is derived from the referral's,
 * so a redelivered or republished decision finds its case already there. A referral decided while
 * the child has an open case (ALREADY_OPEN, or accepted again) joins that case: never two open
 * episodes for one child (CIN rule 8820).
 */
@Controller()
export class OpenCaseWhenReferralAccepted {
  private readonly logger = new Logger(OpenCaseWhenReferralAccepted.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly subjects: SubjectProtection,
  ) {}

  @EventPattern('ReferralDecided')
  async openOrAttach(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    const decided = parseSealedEventData('ReferralDecided', envelope.data);
    if (decided.outcome !== 'ACCEPTED_FOR_ASSESSMENT' && decided.outcome !== 'ALREADY_OPEN') return;
    const manager = context.manager;
    const causedBy = context.causedBy({ sub: 'case-progression', role: 'SYSTEM', org: envelope.actor.org });
    const caseId = caseIdForReferral(decided.referralId);
    if (await this.cases.load(caseId, manager)) return;

    const openCaseId = await this.cases.openCaseOf(manager, decided.childId);
    if (openCaseId) {
      const open = await this.cases.load(openCaseId, manager);
      const attached = decide(
        {
          type: 'AttachReferral',
          attached: {
            caseId: openCaseId,
            childId: decided.childId,
            referralId: decided.referralId,
            referralDate: decided.referralDate,
            source: decided.source,
            referrerOrganisationId: decided.referrerOrganisationId,
          },
        },
        open!.state,
      );
      await this.cases.append(openCaseId, decided.childId, open!.version, attached, causedBy, manager);
      return;
    }
    if (decided.outcome === 'ALREADY_OPEN') {
      this.logger.warn(`referral ${decided.referralId} was decided ALREADY_OPEN but its child has no open case here; nothing opened`);
      return;
    }
    const opened = await this.subjects.openData('ReferralDecided', envelope);
    if (!opened) {
      this.logger.warn(`referral ${decided.referralId}: its child's personal data was erased before the decision arrived; no case opened`);
      return;
    }
    await manager.query(`INSERT INTO child_cases (case_id, child_id, referral_id) VALUES ($1, $2, $3)`, [
      caseId,
      decided.childId,
      decided.referralId,
    ]);
    const events = decide(
      {
        type: 'OpenCase',
        opened: {
          caseId,
          childId: decided.childId,
          referralId: decided.referralId,
          referralDate: decided.referralDate,
          primaryNeed: decided.primaryNeed!,
          source: decided.source,
          referrerOrganisationId: decided.referrerOrganisationId,
          child: decided.child,
          consentGiven: decided.consentGiven,
          subject: { child: opened.subject.child },
        },
      },
      initialCaseState,
    );
    await this.cases.append(caseId, decided.childId, NO_STREAM, events, causedBy, manager);
  }
}

/** One referral, one case: the id is derived from the referral id. */
export const caseIdForReferral = (referralId: string): string => nameBasedUuid(`case-for-referral:${referralId}`);
