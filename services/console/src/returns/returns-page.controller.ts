import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../api/api-refusal';
import { formErrorsFrom } from '../api/field-errors';
import { ServicesApi } from '../api/services-api';
import { todayInEngland } from '../display/calendar-day';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { findingsChoiceFrom, type FindingsForm } from './census-findings';
import type { CensusReport } from './census-report';
import { collectionYearAsked, collectionYearItems } from './collection-years';
import { censusReportShown } from './returns-page';

interface ReturnsForm extends FindingsForm {
  year?: string;
}

/** The form's one field is the API's `{year}`. */
const YEAR_FIELDS = { year: 'year' };

/**
 * The statutory returns for the LA's analysts and admins: a year's CIN census report (what the DfE's
 * rules would say of the file before it is sent), the file itself, the findings as CSV, and Annex A.
 */
@ForRoles(['ANALYST', 'ADMIN'])
@Controller('returns')
export class ReturnsPageController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async returns(@Query() form: ReturnsForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const today = todayInEngland();
    const year = collectionYearAsked(form.year, today);
    const choice = findingsChoiceFrom(form);
    const shown = { pageTitle: 'Statutory returns', year, choice, yearItems: collectionYearItems(today, year), asOf: today };
    try {
      const { body } = await this.api.get<CensusReport>(
        'statutoryReturns',
        `/v1/returns/cin-census/${encodeURIComponent(year)}/report`,
        user,
      );
      response.render('returns/returns', { ...shown, report: censusReportShown(body, choice) });
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      if (error.status === 400) {
        const errors = formErrorsFrom(error.messages, YEAR_FIELDS, 'year');
        return response.status(400).render('returns/returns', { ...shown, pageTitle: 'Error: Statutory returns', errors });
      }
      // No child had a CIN episode that year: an answer, not a fault of the page.
      if (error.status === 422) return response.render('returns/returns', { ...shown, noReturn: true });
      // The service is still reading the log (a first start, a rebuild): it says when to ask again.
      if (error.status === 503) return response.status(503).render('returns/returns', { ...shown, catchingUp: true });
      throw error;
    }
  }
}
