import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { parseSealedEventData, type EventEnvelope } from '@csc/contracts';
import { londonDateOf, nameBasedUuid } from '@csc/domain';
import { NO_STREAM } from '@csc/event-store';
import { KafkaEventContext } from '@csc/messaging';
import { SubjectKeyVault, SubjectProtection } from '@csc/privacy';
import { ChildIndex } from '../../child-index/child-index';
import { decide, initialReferralState } from '../referral.decider';
import { ReferralRepository } from '../referral.repository';
import { childAtReferral } from '../receive-referral/child-at-referral';
import { childMatchedOf, referralReceivedOf } from '../new-referral';

/**
 * When early help steps a family up to social care, the front door receives a referral with source
 * 5D (LA early help), linked back to the episode. The referral's id is derived from the episode's,
 * so however often the step-up arrives, one referral exists for it.
 */
@Controller()
export class CreateReferralWhenEarlyHelpStepsUp {
  private readonly logger = new Logger(CreateReferralWhenEarlyHelpStepsUp.name);

  constructor(
    private readonly referrals: ReferralRepository,
    private readonly childIndex: ChildIndex,
    private readonly subjects: SubjectProtection,
    private readonly keys: SubjectKeyVault,
  ) {}

  @EventPattern('EarlyHelpSteppedUp')
  async createReferral(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    const sealed = parseSealedEventData('EarlyHelpSteppedUp', envelope.data);
    const referralId = referralIdForEpisode(sealed.episodeId);
    const manager = context.manager;
    if (await this.referrals.load(referralId, manager)) return;
    const steppedUp = await this.subjects.openData('EarlyHelpSteppedUp', envelope);
    if (!steppedUp) {
      this.logger.warn(`early help episode ${sealed.episodeId}: the child's personal data was erased before the step-up arrived`);
      return;
    }

    const receivedAt = new Date(steppedUp.steppedUpAt);
    const child = { ...steppedUp.subject.child, sex: steppedUp.sex, schoolUrn: steppedUp.schoolUrn ?? undefined };
    const resolved = childAtReferral(child, londonDateOf(receivedAt), { checkBirthDates: false });
    // Linked to the child early help knows, unless the index holds a conflicting NHS number or UPN for it.
    const linked =
      steppedUp.childId && (await this.childIndex.canLink(manager, steppedUp.childId, resolved.identity)) ? steppedUp.childId : null;
    let childId: string;
    let match;
    let description;
    if (linked) {
      description = await this.childIndex.remember(resolved.identity, referralId, linked);
      childId = linked;
      match = childMatchedOf(referralId, childId, { rule: 'EARLY_HELP_LINK' });
    } else {
      const found = await this.childIndex.resolve(manager, resolved.identity, referralId);
      ({ childId, description } = found);
      match = childMatchedOf(referralId, childId, found.match);
    }
    const referral = referralReceivedOf({
      referralId,
      childId,
      receivedAt,
      source: '5D',
      referrerOrganisationId: envelope.actor.org,
      child,
      resolved,
      // Early help records none of the census characteristics; a social worker records them on the case.
      characteristics: {},
      referrer: { name: steppedUp.subject.leadPractitioner ?? 'Early help', role: 'Early help lead practitioner' },
      concernsSummary: steppedUp.subject.reason,
      factors: [],
      consentGiven: steppedUp.consentGiven,
      steppedUpFromEarlyHelpEpisodeId: steppedUp.episodeId,
    });
    const events = decide({ type: 'ReceiveReferral', referral, match }, initialReferralState);
    // What early help recorded before the child was known is erased with the child from now on.
    if (sealed.subject) await this.keys.linkKeyToChild(sealed.subject.kid, childId);
    await this.referrals.append(
      referralId,
      childId,
      NO_STREAM,
      events,
      context.causedBy({ sub: 'referral-intake', role: 'SYSTEM', org: envelope.actor.org }),
      manager,
      // The child index's row for this referral commits with its events.
      [description],
    );
  }
}

/** One step-up, one referral: the id is derived from the episode id. */
export const referralIdForEpisode = (episodeId: string): string => nameBasedUuid(`referral-from-early-help:${episodeId}`);
