import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@csc/auth';
import type { AppendContext, WriteAlongside } from '@csc/event-store';
import type { CommandOutcome } from '@csc/platform';
import { decide, foldReferral, type ReferralCommand, type ReferralEvent } from './referral.decider';
import { ReferralRepository, type LoadedReferral } from './referral.repository';
import { isReferrerSchool } from './referral-view';

export interface ReferralCommandRequest<Body = ReferralCommandResult> {
  referralId: string;
  user: AuthenticatedUser;
  context: AppendContext;
  /** From If-Match (`expectedVersionFrom`); `versionToWriteOn` says what its absence means. */
  expectedVersion?: number;
  command: (referral: LoadedReferral) => ReferralCommand;
  /** The response body made from the result; without it, the result itself. */
  respond?: (result: ReferralCommandResult) => Body;
  /** The audit trail's rows for that body, written in the append's own statement (one commit for both). */
  auditAlongside?: (body: Body) => WriteAlongside[];
}

export interface ReferralCommandResult {
  referralId: string;
  /** Whose record changed: the audit trail reads it from the response. */
  childId: string;
  status: string;
  version: number;
}

const resultOf = (
  referralId: string,
  { loaded, events, version }: CommandOutcome<LoadedReferral, ReferralEvent>,
): ReferralCommandResult => ({
  referralId,
  childId: loaded.state.received.childId,
  status: foldReferral([...loaded.events, ...events]).status,
  version,
});

/** Every write on an existing referral, through the shared command path: load, check who may act, decide, append. */
@Injectable()
export class ReferralCommands {
  constructor(private readonly referrals: ReferralRepository) {}

  async execute<Body = ReferralCommandResult>({
    referralId,
    user,
    context,
    expectedVersion,
    command,
    respond = (result) => result as Body,
    auditAlongside,
  }: ReferralCommandRequest<Body>): Promise<Body> {
    let body: Body | undefined;
    await this.referrals.streams.execute({
      id: referralId,
      context,
      expectedVersion,
      // A school acting on a referral it did not make is told nothing, not even that it exists.
      mayAct: (referral) => user.role !== 'SCHOOL' || isReferrerSchool(referral, user),
      decide: (referral) => decide(command(referral), referral.state),
      // The body is made before the append, so that its audit rows can commit with the events.
      alongside: (outcome) => {
        body = respond(resultOf(referralId, outcome));
        return auditAlongside?.(body) ?? [];
      },
    });
    return body as Body;
  }
}
