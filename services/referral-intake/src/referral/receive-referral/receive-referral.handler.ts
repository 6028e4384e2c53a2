import { randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@csc/auth';
import type { ChildMatchedV1, ReferralReceivedV1 } from '@csc/contracts';
import { londonDateOf } from '@csc/domain';
import { NO_STREAM, type AppendContext } from '@csc/event-store';
import { ChildIndex } from '../../child-index/child-index';
import { IdempotencyKeys, type StoredResponse } from '../../infrastructure/idempotency-keys';
import { decide, initialReferralState } from '../referral.decider';
import { ReferralRepository } from '../referral.repository';
import { childAtReferral } from './child-at-referral';
import type { ReceiveReferralDto } from './receive-referral.dto';

export interface ReceiveReferralRequest {
  body: ReceiveReferralDto;
  rawBody: unknown;
  user: AuthenticatedUser;
  context: AppendContext;
  idempotencyKey?: string;
}

/**
 * Takes a referral: in one transaction, claims the Idempotency-Key, resolves the child in the child
 * index, decides and appends ReferralReceived + ChildMatched. Any failure leaves nothing behind.
 */
@Injectable()
export class ReceiveReferralHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly childIndex: ChildIndex,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  async handle({ body, rawBody, user, context, idempotencyKey }: ReceiveReferralRequest): Promise<StoredResponse> {
    this.checkSchoolRefersAsItself(body, user);
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : new Date();
    const { identity, coarse } = childAtReferral(body.child, londonDateOf(receivedAt));
    const caller = `${user.sub}@${user.org}`;

    return this.dataSource.transaction(async (manager) => {
      if (idempotencyKey) {
        const replay = await this.idempotencyKeys.claim(manager, caller, idempotencyKey, rawBody);
        if (replay) return replay;
      }
      const referralId = randomUUID();
      const { childId, match } = await this.childIndex.resolve(manager, identity, referralId);
      const referral: ReferralReceivedV1 = {
        referralId,
        childId,
        receivedAt: receivedAt.toISOString(),
        source: body.referrer.source,
        referrerOrganisationId: body.referrer.organisationId ?? null,
        child: coarse,
        factors: body.concerns.factors ?? [],
        consent: { given: body.consent.given },
        steppedUpFromEarlyHelpEpisodeId: null,
        subject: {
          child: withoutUndefined({
            givenName: body.child.givenName,
            familyName: body.child.familyName,
            dateOfBirth: body.child.dateOfBirth,
            expectedDateOfBirth: body.child.expectedDateOfBirth,
            nhsNumber: identity.nhsNumber ?? undefined,
            upn: identity.upn ?? undefined,
            postcode: body.child.postcode?.toUpperCase(),
          }),
          referrer: withoutUndefined({
            name: body.referrer.name,
            role: body.referrer.role,
            email: body.referrer.email,
            phone: body.referrer.phone,
          }),
          concernsSummary: body.concerns.summary,
          ...(body.consent.notRequiredReason ? { consentNotRequiredReason: body.consent.notRequiredReason } : {}),
        },
      };
      const childMatched: ChildMatchedV1 = {
        referralId,
        childId,
        rule: match.rule,
        matchedExistingChild: match.matchedExistingChild,
        matchedReferralId: match.matchedExistingChild ? match.matchedReferralId : null,
        givenNameComparison: match.matchedExistingChild ? match.givenNameComparison : null,
        nearMissChildIds: match.nearMissChildIds,
      };
      const events = decide({ type: 'ReceiveReferral', referral, match: childMatched }, initialReferralState);
      const version = await this.referrals.append(referralId, childId, NO_STREAM, events, context, manager);
      const response: StoredResponse = {
        status: 201,
        body: { referralId, childId, status: 'RECEIVED', version, matchedExistingChild: match.matchedExistingChild },
      };
      if (idempotencyKey) await this.idempotencyKeys.complete(manager, caller, idempotencyKey, response);
      return response;
    });
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

const withoutUndefined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
