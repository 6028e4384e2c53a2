import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../../api/api-refusal';
import { formErrorsFrom, noFormErrors, type FormErrors } from '../../api/field-errors';
import { ServicesApi } from '../../api/services-api';
import { linkDateFields } from '../../forms/date-input';
import { idempotencyKeyOf, SEX_ITEMS } from '../../school/referral-form';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import {
  EARLY_HELP_REQUEST_FIELDS,
  EARLY_HELP_REQUEST_LABELS,
  earlyHelpRequestOf,
  type EarlyHelpRequestForm,
} from './early-help-request-form';

/**
 * A practitioner opens an episode for a family who asked directly (`POST /v1/early-help/requests`, with
 * their consent). As the school's referral form: each render carries its own Idempotency-Key, so a double
 * submit opens one episode; a refusal shows the form again with the API's messages by field.
 */
@ForRoles(['EARLY_HELP'])
@Controller('early-help/requests')
export class RequestEarlyHelpController {
  constructor(private readonly api: ServicesApi) {}

  @Get('new')
  form(@Res() response: Response) {
    this.render(response, 200, {}, noFormErrors());
  }

  @Post()
  async request(@Body() form: EarlyHelpRequestForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const request = earlyHelpRequestOf(form);
    if ('dateErrors' in request) return this.render(response, 400, form, request.dateErrors);
    try {
      const { body } = await this.api.post<{ episodeId: string }>('earlyHelp', '/v1/early-help/requests', user, request.body, {
        idempotencyKey: idempotencyKeyOf(form),
      });
      response.redirect(303, `/early-help/episodes/${body.episodeId}?recorded=request`);
    } catch (error) {
      if (!(error instanceof ApiRefusal) || ![400, 422].includes(error.status)) throw error;
      const errors = linkDateFields(formErrorsFrom(error.messages, EARLY_HELP_REQUEST_FIELDS, 'givenName', EARLY_HELP_REQUEST_LABELS), [
        'dateOfBirth',
      ]);
      this.render(response, error.status, form, errors);
    }
  }

  private render(response: Response, status: number, values: EarlyHelpRequestForm, errors: FormErrors) {
    response.status(status).render('early-help/request', {
      pageTitle: `${errors.summary.length > 0 ? 'Error: ' : ''}Open an episode for a family who asked for help`,
      values,
      errors,
      errorSummary: errors.summary,
      idempotencyKey: randomUUID(),
      sexItems: SEX_ITEMS,
    });
  }
}
