import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { formErrorsFrom } from '../api/field-errors';
import { formRefusalOf, isUuid } from '../api/form-refusal';
import { ServicesApi } from '../api/services-api';
import { versionFrom } from '../front-door/referral/referral-read';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import {
  INFORMATION_ANSWER_FIELDS,
  INFORMATION_ANSWER_LABELS,
  informationAnswerBody,
  schoolReferralPage,
  schoolReferralRowOf,
  type InformationAnswerForm,
  type SchoolChronologyRead,
  type SchoolReferralItem,
  type SchoolReferralPageState,
  type SchoolReferralRead,
} from './school-referrals';

/**
 * A school's own referrals (the API lists no others to a school), with each decision as the category it may be
 * told; a page per referral with its history and the front door's questions, the open one answered here.
 */
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
    @Query('answered') answered: string | undefined,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    await this.render(response, 200, referralIdOf(id), user, { justSent: sent === 'yes', justAnswered: answered === 'yes' });
  }

  /** The school answers the front door's open question, with If-Match from the page, so an answer to a question already answered is a 409. */
  @Post(':id/information')
  async answer(@Param('id') id: string, @Body() form: InformationAnswerForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const referralId = referralIdOf(id);
    const version = versionFrom(typeof form.version === 'string' ? form.version : undefined);
    try {
      await this.api.post('referralIntake', `/v1/referrals/${referralId}/information`, user, informationAnswerBody(form), {
        ifMatch: version,
      });
      response.redirect(303, `/school/referrals/${referralId}?answered=yes#questions`);
    } catch (error) {
      const refused = formRefusalOf(error, STALE_SCHOOL_REFERRAL);
      await this.render(response, refused.status, referralId, user, {
        formVersion: version,
        conflict: refused.conflict,
        answerForm: {
          values: form,
          errors: formErrorsFrom(refused.messages, INFORMATION_ANSWER_FIELDS, 'answer', INFORMATION_ANSWER_LABELS),
        },
      });
    }
  }

  private async render(
    response: Response,
    status: number,
    referralId: string,
    user: SignedInUser,
    state: Omit<SchoolReferralPageState, 'formVersion'> & { formVersion?: number | null },
  ) {
    const path = `/v1/referrals/${referralId}`;
    const [read, chronology] = await Promise.all([
      this.api.get<SchoolReferralRead>('referralIntake', path, user),
      this.api.get<SchoolChronologyRead>('referralIntake', `${path}/history`, user),
    ]);
    const formVersion = state.formVersion !== undefined ? state.formVersion : (read.version ?? read.body.version);
    response.status(status).render('school/referral', schoolReferralPage(read.body, chronology.body, { ...state, formVersion }));
  }
}

export const STALE_SCHOOL_REFERRAL =
  'The front door has changed this referral since you opened it (the question may have been answered or withdrawn). Reload the page to see it as it is now.';

const referralIdOf = (id: string): string => {
  // The API would say 400 for a malformed id; for a person it is a page that does not exist.
  if (!isUuid(id)) throw new NotFoundException();
  return id.toLowerCase();
};
