import { createHash } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { parseEventData, type EventEnvelope } from '@csc/contracts';
import { londonDateOf } from '@csc/domain';
import { NO_STREAM } from '@csc/event-store';
import { KafkaEventContext } from '@csc/messaging';
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
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly childIndex: ChildIndex,
  ) {}

  @EventPattern('EarlyHelpSteppedUp')
  async createReferral(@Payload() envelope: EventEnvelope, @Ctx() context: KafkaEventContext): Promise<void> {
    const steppedUp = parseEventData('EarlyHelpSteppedUp', envelope.data);
    const referralId = referralIdForEpisode(steppedUp.episodeId);
    const manager = context.manager;
    if (await this.referrals.load(referralId, manager)) return;

    const receivedAt = new Date(steppedUp.steppedUpAt);
    const child = { ...steppedUp.subject.child, sex: steppedUp.sex, schoolUrn: steppedUp.schoolUrn ?? undefined };
    const resolved = childAtReferral(child, londonDateOf(receivedAt));
    const linked = steppedUp.childId && (await this.childIndex.isKnown(manager, steppedUp.childId)) ? steppedUp.childId : null;
    let childId: string;
    let match;
    if (linked) {
      await this.childIndex.remember(manager, resolved.identity, referralId, linked);
      childId = linked;
      match = childMatchedOf(referralId, childId, { rule: 'EARLY_HELP_LINK' });
    } else {
      const found = await this.childIndex.resolve(manager, resolved.identity, referralId);
      childId = found.childId;
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
      referrer: { name: steppedUp.subject.leadPractitioner ?? 'Early help', role: 'Early help lead practitioner' },
      concernsSummary: steppedUp.subject.reason,
      factors: [],
      consentGiven: steppedUp.consentGiven,
      steppedUpFromEarlyHelpEpisodeId: steppedUp.episodeId,
    });
    const events = decide({ type: 'ReceiveReferral', referral, match }, initialReferralState);
    await this.referrals.append(
      referralId,
      childId,
      NO_STREAM,
      events,
      context.causedBy({ sub: 'referral-intake', role: 'SYSTEM', org: envelope.actor.org }),
      manager,
    );
  }
}

/** A UUID (v5 layout) derived from the episode id: the same step-up always names the same referral. */
export const referralIdForEpisode = (episodeId: string): string => {
  const hash = createHash('sha1').update(`referral-from-early-help:${episodeId}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
