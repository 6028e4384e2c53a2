import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isUuid } from '../api/form-refusal';
import { ServicesApi } from '../api/services-api';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { schoolReferralPage, schoolReferralRowOf, type SchoolReferralItem, type SchoolReferralRead } from './school-referrals';

/** A school's own referrals (the API lists no others to a school), with each decision as the category it may be told. */
@ForRoles(['SCHOOL'])
@Controller('school/referrals')
export class SchoolReferralsController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async referrals(@Query('after') after: string | undefined, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const cursor = typeof after === 'string' ? after.trim() : '';
    const { body } = await this.api.get<{ items: SchoolReferralItem[]; next: string | null }>(
      'referralIntake',
      `/v1/referrals${cursor ? `?after=${encodeURIComponent(cursor)}` : ''}`,
      user,
    );
    // The list gives a school no decision; each decided referral's read gives its category.
    const decisions = await Promise.all(
      body.items.map(async (item) =>
        item.status === 'DECIDED'
          ? (await this.api.get<SchoolReferralRead>('referralIntake', `/v1/referrals/${item.referralId}`, user)).body.decision
          : null,
      ),
    );
    response.render('school/referrals', {
      pageTitle: 'Your referrals',
      rows: body.items.map((item, index) => schoolReferralRowOf(item, decisions[index])),
      nextPage: body.next ? `?after=${encodeURIComponent(body.next)}` : null,
      firstPage: cursor ? '?' : null,
    });
  }

  @Get(':id')
  async referral(
    @Param('id') id: string,
    @Query('sent') sent: string | undefined,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    if (!isUuid(id)) throw new NotFoundException();
    const { body } = await this.api.get<SchoolReferralRead>('referralIntake', `/v1/referrals/${id.toLowerCase()}`, user);
    response.render('school/referral', schoolReferralPage(body, sent === 'yes'));
  }
}
