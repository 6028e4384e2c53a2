import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { UuidParam, AuditChildRecord, loadAsSchoolMaySee } from '@csc/platform';
import { ReferralRepository } from '../referral.repository';
import { isReferrerSchool, referralView } from '../referral-view';

/** Reads fold the referral's own events: always as current as the last write. */
@ApiTags('referrals')
@ApiBearerAuth()
@AuditChildRecord('referral')
@Controller('v1')
export class ReadReferralsController {
  constructor(private readonly referrals: ReferralRepository) {}

  @Get('referrals/:id')
  @Roles('FRONT_DOOR', 'SOCIAL_WORKER', 'EARLY_HELP', 'SCHOOL')
  async referral(
    @Param('id', UuidParam('id')) referralId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const referral = await loadAsSchoolMaySee(user, () => this.referrals.load(referralId));
    // A school asking about a referral it did not make learns nothing, not even that it exists.
    if (!referral || (user.role === 'SCHOOL' && !isReferrerSchool(referral, user)))
      throw new NotFoundException([`id: no referral ${referralId}`]);
    response.setHeader('ETag', `"${referral.version}"`);
    return referralView(referral, user);
  }

  @Get('children/:childId/referrals')
  @Roles('FRONT_DOOR', 'SOCIAL_WORKER', 'EARLY_HELP', 'SCHOOL')
  async childReferrals(@Param('childId', UuidParam('childId')) childId: string, @CurrentUser() user: AuthenticatedUser) {
    const visible = ((await loadAsSchoolMaySee(user, () => this.referrals.forChild(childId))) ?? []).filter(
      (referral) => user.role !== 'SCHOOL' || isReferrerSchool(referral, user),
    );
    if (visible.length === 0) throw new NotFoundException([`childId: no referrals for child ${childId}`]);
    return visible.map((referral) => referralView(referral, user));
  }
}
