import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { AuditChildRecord, chronologyOf, loadAsSchoolMaySee, noteAuditedChild, UuidParam } from '@csc/platform';
import { describeReferralEvent, describeReferralEventForSchool } from '../domain/referral-chronology';
import { ReferralRepository } from '../referral.repository';
import { isReferrerSchool } from '../referral-view';

/** What happened to a referral, when and by whom, oldest first: the same callers and rules as its single read. */
@ApiTags('referrals')
@ApiBearerAuth()
@AuditChildRecord('referral')
@Controller('v1/referrals')
export class ReadReferralHistoryController {
  constructor(private readonly referrals: ReferralRepository) {}

  @Get(':id/history')
  @Roles('FRONT_DOOR', 'SOCIAL_WORKER', 'EARLY_HELP', 'SCHOOL')
  async history(
    @Param('id', UuidParam('id')) referralId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const history = await loadAsSchoolMaySee(user, () => this.referrals.streams.loadWithHistory(referralId));
    // As the single read: a school asking about a referral it did not make learns nothing, not even that it exists.
    if (!history || (user.role === 'SCHOOL' && !isReferrerSchool(history.loaded, user)))
      throw new NotFoundException([`id: no referral ${referralId}`]);
    const { loaded, recorded } = history;
    noteAuditedChild(request, loaded.state.received.childId);
    response.setHeader('ETag', `"${loaded.version}"`);
    const describe = user.role === 'SCHOOL' ? describeReferralEventForSchool : describeReferralEvent;
    return { referralId, version: loaded.version, entries: chronologyOf(recorded, describe) };
  }
}
