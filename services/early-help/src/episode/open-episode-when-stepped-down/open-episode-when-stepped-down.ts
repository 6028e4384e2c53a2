import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { parseSealedEventData, type EarlyHelpEpisodeOpenedV1, type EventEnvelope } from '@csc/contracts';
import { nameBasedUuid } from '@csc/domain';
import { NO_STREAM } from '@csc/event-store';
import { KafkaEventContext } from '@csc/messaging';
import { SubjectProtection } from '@csc/privacy';
import { decide, foldEpisode } from '../episode.decider';
import { EpisodeRepository } from '../episode.repository';

/**
 * Social care steps a family down to early help: the front door's decision, an assessment's outcome,
 * or a case closed RC9. One episode per referral or case (its id derives from theirs), so a
 * redelivered or republished step-down opens nothing new.
 */
@Controller()
export class OpenEpisodeWhenSteppedDown {
  private readonly logger = new Logger(OpenEpisodeWhenSteppedDown.name);

  constructor(
    private readonly episodes: EpisodeRepository,
    private readonly subjects: SubjectProtection,
  ) {}

  @EventPattern('ReferralDecided')
  async fromReferral(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    if (parseSealedEventData('ReferralDecided', envelope.data).outcome !== 'STEP_DOWN_TO_EARLY_HELP') return;
    const decided = await this.subjects.openData('ReferralDecided', envelope);
    if (!decided) return this.erased(envelope);
    await this.open(context, envelope, {
      episodeId: nameBasedUuid(`episode-for-referral:${decided.referralId}`),
      childId: decided.childId,
      openedOn: decided.decidedAt.slice(0, 10),
      origin: 'REFERRAL_STEP_DOWN',
      originId: decided.referralId,
      requestedByOrganisationId: null,
      sex: decided.child.sex,
      schoolUrn: decided.child.schoolUrn,
      consentGiven: decided.consentGiven,
      subject: { child: decided.subject.child },
    });
  }

  @EventPattern('AssessmentCompleted')
  async fromAssessment(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    if (!parseSealedEventData('AssessmentCompleted', envelope.data).stepDown) return;
    const completed = await this.subjects.openData('AssessmentCompleted', envelope);
    if (!completed?.subject) return this.erased(envelope);
    if (!completed.stepDown) return;
    await this.open(
      context,
      envelope,
      this.fromCase(
        envelope,
        completed.caseId,
        completed.authorisedOn,
        'ASSESSMENT_STEP_DOWN',
        completed.stepDown,
        completed.subject.child,
      ),
    );
  }

  @EventPattern('CaseClosed')
  async fromClosure(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    if (!parseSealedEventData('CaseClosed', envelope.data).stepDown) return;
    const closed = await this.subjects.openData('CaseClosed', envelope);
    if (!closed?.subject) return this.erased(envelope);
    if (!closed.stepDown) return;
    await this.open(
      context,
      envelope,
      this.fromCase(envelope, closed.caseId, closed.closedOn, 'CASE_CLOSED_RC9', closed.stepDown, closed.subject.child),
    );
  }

  private fromCase(
    envelope: EventEnvelope,
    caseId: string,
    openedOn: string,
    origin: 'ASSESSMENT_STEP_DOWN' | 'CASE_CLOSED_RC9',
    stepDown: { schoolUrn: string | null; consentGiven: boolean; sex: 'M' | 'F' | 'U' },
    child: EarlyHelpEpisodeOpenedV1['subject']['child'],
  ): EarlyHelpEpisodeOpenedV1 {
    return {
      episodeId: nameBasedUuid(`episode-for-case:${caseId}`),
      childId: envelope.childId,
      openedOn,
      origin,
      originId: caseId,
      requestedByOrganisationId: null,
      sex: stepDown.sex,
      schoolUrn: stepDown.schoolUrn,
      consentGiven: stepDown.consentGiven,
      subject: { child },
    };
  }

  /** The child was erased before this step-down reached us: there is nobody to open an episode for. */
  private erased(envelope: EventEnvelope): void {
    this.logger.warn(`${envelope.type} ${envelope.eventId}: the child's personal data was erased; no episode opened`);
  }

  private async open(context: KafkaEventContext, envelope: EventEnvelope, opened: EarlyHelpEpisodeOpenedV1): Promise<void> {
    if (await this.episodes.load(opened.episodeId, context.manager)) return;
    const events = decide({ type: 'OpenEpisode', opened }, foldEpisode([]));
    await this.episodes.append(
      opened.episodeId,
      opened.childId,
      NO_STREAM,
      events,
      context.causedBy({ sub: 'early-help', role: 'SYSTEM', org: envelope.actor.org }),
      context.manager,
    );
  }
}
