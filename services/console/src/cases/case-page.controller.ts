import { Body, Controller, Get, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { formErrorsFrom } from '../api/field-errors';
import { formRefusalOf, isUuid } from '../api/form-refusal';
import { ServicesApi } from '../api/services-api';
import { versionFrom } from '../front-door/referral/referral-read';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { casePage, type CasePageState, type ChronologyRead } from './case-page';
import {
  COMPLETE_ASSESSMENT_FIELDS,
  completionBody,
  START_ASSESSMENT_FIELDS,
  type CaseRead,
  type CompleteAssessmentForm,
  type StartAssessmentForm,
} from './case-read';

export const STALE_CASE = 'Someone changed this case since you opened it. Reload the page to see the changes, then try again.';

/**
 * A case for the social worker: its due dates and chronology, and its first steps (start the assessment,
 * complete it), each posted with If-Match from the version the page was opened at. Success redirects back
 * (post/redirect/get); a refusal shows the page again with the API's messages by field, or a 409 explained.
 */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id')
export class CasePageController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async page(@Param('id') id: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    await this.render(response, 200, caseIdOf(id), user, {});
  }

  @Post('assessments')
  async startAssessment(
    @Param('id') id: string,
    @Body() form: StartAssessmentForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const caseId = caseIdOf(id);
    const version = versionFrom(form.version);
    try {
      await this.api.post(
        'caseProgression',
        `/v1/cases/${caseId}/assessments`,
        user,
        { startedAt: (form.startedAt ?? '').trim() },
        { ifMatch: version },
      );
      response.redirect(303, `/cases/${caseId}#assessment`);
    } catch (error) {
      const refused = formRefusalOf(error, STALE_CASE);
      await this.render(response, refused.status, caseId, user, {
        formVersion: version,
        conflict: refused.conflict,
        startForm: { values: form, errors: formErrorsFrom(refused.messages, START_ASSESSMENT_FIELDS, 'startedAt') },
      });
    }
  }

  @Post('assessments/:aid/completion')
  async completeAssessment(
    @Param('id') id: string,
    @Param('aid') assessmentId: string,
    @Body() form: CompleteAssessmentForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const caseId = caseIdOf(id);
    if (!isUuid(assessmentId)) throw new NotFoundException();
    const version = versionFrom(form.version);
    try {
      await this.api.post('caseProgression', `/v1/cases/${caseId}/assessments/${assessmentId}/completion`, user, completionBody(form), {
        ifMatch: version,
      });
      response.redirect(303, `/cases/${caseId}#assessment`);
    } catch (error) {
      const refused = formRefusalOf(error, STALE_CASE);
      await this.render(response, refused.status, caseId, user, {
        formVersion: version,
        conflict: refused.conflict,
        completeForm: { values: form, errors: formErrorsFrom(refused.messages, COMPLETE_ASSESSMENT_FIELDS, 'authorisedAt') },
      });
    }
  }

  private async render(response: Response, status: number, caseId: string, user: SignedInUser, state: Partial<CasePageState>) {
    const path = `/v1/cases/${caseId}`;
    const [read, chronology] = await Promise.all([
      this.api.get<CaseRead>('caseProgression', path, user),
      this.api.get<ChronologyRead>('caseProgression', `${path}/history`, user),
    ]);
    const formVersion = state.formVersion !== undefined ? state.formVersion : (read.version ?? read.body.version);
    response.status(status).render('cases/case', casePage(read.body, chronology.body, { ...state, formVersion }));
  }
}

const caseIdOf = (id: string): string => {
  if (!isUuid(id)) throw new NotFoundException();
  return id.toLowerCase();
};
