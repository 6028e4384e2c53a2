import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { formErrorsFrom } from '../../api/field-errors';
import { formRefusalOf } from '../../api/form-refusal';
import { ServicesApi } from '../../api/services-api';
import { dateInputErrors, linkDateFields } from '../../forms/date-input';
import { versionFrom } from '../../front-door/referral/referral-read';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import type { CasePageState } from '../case-page';
import { CasePageView } from '../case-page.view';
import type { CaseForm, PostedForm } from './case-form';

export const STALE_CASE = 'Someone changed this case since you opened it. Reload the page to see the changes, then try again.';

/** Shows the form's page again: its status, and the state (posted values, messages, conflict) to show. */
export type ReShow = (status: number, state: CasePageState) => Promise<void>;

/**
 * How every action on a case is posted: the form read (GOV.UK's messages for a date that is not one, before
 * anything is sent), then posted to case-progression with If-Match from the version the page was opened
 * at. Success goes back to the case (post/redirect/get); a refusal shows the form again with the API's
 * messages by the field they name, or a stale version (409, 412) explained.
 */
@Injectable()
export class CaseWrites {
  constructor(
    private readonly api: ServicesApi,
    private readonly casePage: CasePageView,
  ) {}

  /** An action whose form is on the case page: a refusal shows the case page again. */
  onCasePage(caseForm: CaseForm, write: { caseId: string; path: string; posted: PostedForm; user: SignedInUser }, response: Response) {
    return this.submit(caseForm, write, response, (status, state) => this.casePage.show(response, status, write.caseId, write.user, state));
  }

  async submit(
    caseForm: CaseForm,
    { caseId, path, posted, user }: { caseId: string; path: string; posted: PostedForm; user: SignedInUser },
    response: Response,
    reShow: ReShow,
  ): Promise<void> {
    const formVersion = versionFrom(typeof posted.version === 'string' ? posted.version : undefined);
    const reading = caseForm.read(posted);
    if ('errors' in reading)
      return reShow(400, { formVersion, forms: { [caseForm.name]: { values: posted, errors: dateInputErrors(reading.errors) } } });
    try {
      await this.api.post('caseProgression', `/v1/cases/${caseId}${path}`, user, reading.body, { ifMatch: formVersion });
      response.redirect(303, `/cases/${caseId}#${caseForm.anchor}`);
    } catch (error) {
      const refused = formRefusalOf(error, STALE_CASE);
      const errors = linkDateFields(
        formErrorsFrom(refused.messages, caseForm.fields, caseForm.firstField, caseForm.labels),
        caseForm.dateFields,
      );
      await reShow(refused.status, { formVersion, conflict: refused.conflict, forms: { [caseForm.name]: { values: posted, errors } } });
    }
  }
}
