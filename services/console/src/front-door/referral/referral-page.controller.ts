import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { formRefusalOf, isUuid } from '../../api/form-refusal';
import { formErrorsFrom } from '../../api/field-errors';
import { ServicesApi } from '../../api/services-api';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import { referralPage, type ReferralPageState } from './referral-page';
import {
  decisionBody,
  DECISION_FIELDS,
  INFORMATION_REQUEST_FIELDS,
  versionFrom,
  type ChronologyRead,
  type DecisionForm,
  type InformationRequestForm,
  type ReferralRead,
} from './referral-read';

export const STALE_REFERRAL = 'Someone changed this referral since you opened it. Reload the page to see the changes, then try again.';

/**
 * A referral for the front door: its details, chronology and the child's other referrals, with the two
 * things it can do about it (ask the referrer for more, decide). A post that succeeds redirects back to
 * the page (post/redirect/get); one the API refuses shows the page again with its messages by field.
 */
@ForRoles(['FRONT_DOOR'])
@Controller('front-door/referrals/:id')
export class ReferralPageController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async page(@Param('id') id: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    await this.render(response, 200, referralIdOf(id), user, {});
  }

  @Post('decision')
  async decide(@Param('id') id: string, @Body() form: DecisionForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const referralId = referralIdOf(id);
    const version = versionFrom(form.version);
    try {
      await this.api.post('referralIntake', `/v1/referrals/${referralId}/decision`, user, decisionBody(form), { ifMatch: version });
      response.redirect(303, `/front-door/referrals/${referralId}#decision`);
    } catch (error) {
      const refused = formRefusalOf(error, STALE_REFERRAL);
      await this.render(response, refused.status, referralId, user, {
        formVersion: version,
        conflict: refused.conflict,
        decisionForm: { values: form, errors: formErrorsFrom(refused.messages, DECISION_FIELDS, 'outcome') },
      });
    }
  }

  @Post('information-requests')
  async requestInformation(
    @Param('id') id: string,
    @Body() form: InformationRequestForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const referralId = referralIdOf(id);
    const version = versionFrom(form.version);
    try {
      await this.api.post(
        'referralIntake',
        `/v1/referrals/${referralId}/information-requests`,
        user,
        { question: (form.question ?? '').trim() },
        { ifMatch: version, idempotencyKey: randomUUID() },
      );
      response.redirect(303, `/front-door/referrals/${referralId}#information-requests`);
    } catch (error) {
      const refused = formRefusalOf(error, STALE_REFERRAL);
      await this.render(response, refused.status, referralId, user, {
        formVersion: version,
        conflict: refused.conflict,
        informationForm: { values: form, errors: formErrorsFrom(refused.messages, INFORMATION_REQUEST_FIELDS, 'question') },
      });
    }
  }

  private async render(response: Response, status: number, referralId: string, user: SignedInUser, state: Partial<ReferralPageState>) {
    const path = `/v1/referrals/${referralId}`;
    const [read, chronology] = await Promise.all([
      this.api.get<ReferralRead>('referralIntake', path, user),
      this.api.get<ChronologyRead>('referralIntake', `${path}/history`, user),
    ]);
    const childReferrals = await this.api.get<ReferralRead[]>('referralIntake', `/v1/children/${read.body.childId}/referrals`, user);
    const formVersion = state.formVersion !== undefined ? state.formVersion : (read.version ?? read.body.version);
    response
      .status(status)
      .render('front-door/referral', referralPage(read.body, chronology.body, childReferrals.body, { ...state, formVersion }));
  }
}

const referralIdOf = (id: string): string => {
  // The API would say 400 for a malformed id; for a person it is a page that does not exist.
  if (!isUuid(id)) throw new NotFoundException();
  return id.toLowerCase();
};
