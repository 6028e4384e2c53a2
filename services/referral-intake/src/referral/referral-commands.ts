import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@csc/auth';
import type { AppendContext } from '@csc/event-store';
import { versionToWriteOn } from '@csc/platform';
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

/** Load, check who may act, decide, append with the expected version: every write on an existing referral. */
@Injectable()
export class ReferralCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralRepository,
  ) {}

  async execute({ referralId, user, context, expectedVersion, command }: ReferralCommandRequest): Promise<ReferralCommandResult> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.referrals.load(referralId, manager);
      // A school acting on a referral it did not make is told nothing, not even that it exists.
      if (!referral || (user.role === 'SCHOOL' && !isReferrerSchool(referral, user))) {
        throw new NotFoundException([`id: no referral ${referralId}`]);
      }
      const decidedOn = versionToWriteOn(referralId, expectedVersion, referral.version, 'optional');
      const events = decide(command(referral), referral.state);
      const version = await this.referrals.append(referralId, referral.state.received.childId, decidedOn, events, context, manager);
      return {
        referralId,
        childId: referral.state.received.childId,
        status: foldReferral([...referral.events, ...events]).status,
        version,
      };
    });
  }
}
