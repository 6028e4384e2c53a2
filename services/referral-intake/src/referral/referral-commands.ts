import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@csc/auth';
import type { AppendContext } from '@csc/event-store';
import { decide, foldReferral, type ReferralCommand } from './referral.decider';
import { ReferralRepository, type LoadedReferral } from './referral.repository';
import { isReferrerSchool } from './referral-view';

export interface ReferralCommandRequest {
  referralId: string;
  user: AuthenticatedUser;
  context: AppendContext;
  /** From If-Match (`expectedVersionFrom`); `versionToWriteOn` says what its absence means. */
  expectedVersion?: number;
  command: (referral: LoadedReferral) => ReferralCommand;
}

export interface ReferralCommandResult {
  referralId: string;
  /** Whose record changed: the audit trail reads it from the response. */
  childId: string;
  status: string;
  version: number;
}

/** Every write on an existing referral, through the shared command path: load, check who may act, decide, append. */
@Injectable()
export class ReferralCommands {
  constructor(private readonly referrals: ReferralRepository) {}

  async execute({ referralId, user, context, expectedVersion, command }: ReferralCommandRequest): Promise<ReferralCommandResult> {
    const { loaded, events, version } = await this.referrals.streams.execute({
      id: referralId,
      context,
      expectedVersion,
      // A school acting on a referral it did not make is told nothing, not even that it exists.
      mayAct: (referral) => user.role !== 'SCHOOL' || isReferrerSchool(referral, user),
      decide: (referral) => decide(command(referral), referral.state),
    });
    return {
      referralId,
      childId: loaded.state.received.childId,
      status: foldReferral([...loaded.events, ...events]).status,
      version,
    };
  }
}
