import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../api/api-refusal';
import { formErrorsFrom, noFormErrors, type FormErrors } from '../api/field-errors';
import { ServicesApi } from '../api/services-api';
import { dateInputErrors, linkDateFields, readDateInput } from '../forms/date-input';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import {
  idempotencyKeyOf,
  schoolReferralBody,
  SCHOOL_REFERRAL_FIELDS,
  SCHOOL_REFERRAL_LABELS,
  SEX_ITEMS,
  type SchoolReferralForm,
} from './referral-form';

/**
 * A school refers a child: a GOV.UK form for `POST /v1/referrals` as the school. Each render of the form
 * carries a new Idempotency-Key, posted back with it, so a double submit makes one referral; a refusal
 * shows the form again with the API's messages by field (and a new key: it is a new form).
 */
@ForRoles(['SCHOOL'])
@Controller('school/refer')
export class ReferController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  form(@Res() response: Response) {
    this.render(response, 200, {}, noFormErrors());
  }

  @Post()
  async refer(@Body() form: SchoolReferralForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const dateOfBirth = readDateInput(form, 'dateOfBirth', 'Date of birth');
    if ('error' in dateOfBirth) return this.render(response, 400, form, dateInputErrors({ dateOfBirth: dateOfBirth.error }));
    try {
      const { body } = await this.api.post<{ referralId: string }>(
        'referralIntake',
        '/v1/referrals',
        user,
        schoolReferralBody(form, user, dateOfBirth.date ?? ''),
        {
          idempotencyKey: idempotencyKeyOf(form),
        },
      );
      response.redirect(303, `/school/referrals/${body.referralId}?sent=yes`);
    } catch (error) {
      if (!(error instanceof ApiRefusal) || ![400, 422].includes(error.status)) throw error;
      this.render(
        response,
        error.status,
        form,
        linkDateFields(formErrorsFrom(error.messages, SCHOOL_REFERRAL_FIELDS, 'givenName', SCHOOL_REFERRAL_LABELS), ['dateOfBirth']),
      );
    }
  }

  private render(response: Response, status: number, values: SchoolReferralForm, errors: FormErrors) {
    response.status(status).render('school/refer', {
      pageTitle: `${errors.summary.length > 0 ? 'Error: ' : ''}Refer a child`,
      values,
      errors,
      errorSummary: errors.summary,
      idempotencyKey: randomUUID(),
      sexItems: SEX_ITEMS,
    });
  }
}
