import { randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@csc/auth';
import type { ChildCharacteristics } from '@csc/contracts';
import { disabilitiesKeepCensusRules, londonDateOf } from '@csc/domain';
import { NO_STREAM, type AppendContext, type WriteAlongside } from '@csc/event-store';
import { callerOf, IdempotencyKeys, type StoredResponse } from '@csc/platform';
import { ChildIndex } from '../../child-index/child-index';
import { decide, initialReferralState } from '../referral.decider';
import { childMatchedOf, referralReceivedOf } from '../new-referral';
import { ReferralRepository } from '../referral.repository';
import { childAtReferral } from './child-at-referral';
import type { ReceiveReferralDto, ReferredChildDto } from './receive-referral.dto';

export interface ReceiveReferralRequest {
  body: ReceiveReferralDto;
  rawBody: unknown;
  user: AuthenticatedUser;
  context: AppendContext;
  /** Checked by `idempotencyKeyFrom`. */
  idempotencyKey?: string;
  /** The audit trail's rows for the response, written in the referral's append (one commit for both). */
  auditAlongside?: (response: StoredResponse) => WriteAlongside[];
}

/**
 * Takes a referral: in one transaction, claims the Idempotency-Key, resolves the child in the child
 * index, decides and appends ReferralReceived + ChildMatched with the child index's row for it and
 * the audit trail's rows (one statement). Any failure leaves nothing behind.
 */
@Injectable()
export class ReceiveReferralHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly childIndex: ChildIndex,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  async handle({ body, rawBody, user, context, idempotencyKey, auditAlongside }: ReceiveReferralRequest): Promise<StoredResponse> {
    this.checkSchoolRefersAsItself(body, user);
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : new Date();
    const resolved = childAtReferral(body.child, londonDateOf(receivedAt));
    const characteristics = characteristicsOf(body.child);

    const idempotent = { caller: callerOf(user), key: idempotencyKey, request: rawBody };
    return this.dataSource.transaction((manager) =>
      this.idempotencyKeys.once(manager, idempotent, async () => {
        const referralId = randomUUID();
        const { childId, match, description } = await this.childIndex.resolve(manager, resolved.identity, referralId);
        const referral = referralReceivedOf({
          referralId,
          childId,
          receivedAt,
          source: body.referrer.source,
          referrerOrganisationId: body.referrer.organisationId ?? null,
          child: body.child,
          resolved,
          characteristics,
          referrer: { name: body.referrer.name, role: body.referrer.role, email: body.referrer.email, phone: body.referrer.phone },
          concernsSummary: body.concerns.summary,
          factors: body.concerns.factors ?? [],
          consentGiven: body.consent.given,
          consentNotRequiredReason: body.consent.notRequiredReason,
          steppedUpFromEarlyHelpEpisodeId: null,
        });
        const childMatched = childMatchedOf(referralId, childId, match);
        const events = decide({ type: 'ReceiveReferral', referral, match: childMatched }, initialReferralState);
        // A new stream: appended at NO_STREAM or refused, so the response is known before the append and its audit rows go in it.
        const response = {
          status: 201,
          body: {
            referralId,
            childId,
            status: 'RECEIVED',
            version: NO_STREAM + events.length,
            matchedExistingChild: match.matchedExistingChild,
          },
        };
        await this.referrals.append(referralId, childId, NO_STREAM, events, context, manager, [
          description,
          ...(auditAlongside?.(response) ?? []),
        ]);
        return response;
      }),
    );
  }

  private checkSchoolRefersAsItself(body: ReceiveReferralDto, user: AuthenticatedUser): void {
    if (user.role !== 'SCHOOL') return;
    if (body.referrer.organisationId !== user.org) {
      throw new ForbiddenException(['referrer.organisationId: a school may refer only as itself (its own URN)']);
    }
    if (body.referrer.source !== '2A') {
      throw new BadRequestException(["referrer.source: a school's referral has source 2A (schools)"]);
    }
  }
}

/**
 * The census characteristics the referrer gave, and only those, once the list of disabilities keeps
 * the census's rules (422 naming the rule, as on the case).
 */
const characteristicsOf = ({ ethnicity, disabilities, upnUnknownReason, formerUpn }: ReferredChildDto): ChildCharacteristics => {
  disabilitiesKeepCensusRules('child.disabilities', disabilities);
  return { ethnicity, disabilities, upnUnknownReason, formerUpn };
};
