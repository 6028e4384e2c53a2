import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../api/api-refusal';
import { formErrorsFrom } from '../api/field-errors';
import { ServicesApi, type ApiFile } from '../api/services-api';
import { csvOf } from '../analyst/csv';
import { todayInEngland } from '../display/calendar-day';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { ANNEX_A_FIELDS, ANNEX_A_LABELS, annexAChoiceFrom, type AnnexAForm } from './annex-a-date';
import { findingsCsvRows, findingsOfRule } from './census-findings';
import type { CensusReport } from './census-report';

/**
 * The returns' files, fetched by the console's backend as the signed-in user (the token never reaches the
 * browser) and passed on byte for byte. The service audits each one, child by child.
 */
@ForRoles(['ANALYST', 'ADMIN'])
@Controller('returns')
export class ReturnsDownloadsController {
  constructor(private readonly api: ServicesApi) {}

  /** The census file to load into the DfE's COLLECT, named as the service names it. */
  @Get('cin-census/:year.xml')
  async censusFile(@Param('year') year: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    try {
      sendFile(response, await this.api.file('statutoryReturns', `/v1/returns/cin-census/${encodeURIComponent(year)}`, user));
    } catch (error) {
      this.backToTheYear(error, year, response);
    }
  }

  /** The year's findings (one rule's, if the page was filtered) as CSV, to work through or share. */
  @Get('cin-census/:year/findings.csv')
  async findingsCsv(
    @Param('year') year: string,
    @Query('rule') rule: unknown,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    let report: CensusReport;
    try {
      ({ body: report } = await this.api.get<CensusReport>(
        'statutoryReturns',
        `/v1/returns/cin-census/${encodeURIComponent(year)}/report`,
        user,
      ));
    } catch (error) {
      return this.backToTheYear(error, year, response);
    }
    const ruleChosen = typeof rule === 'string' ? rule.trim() : '';
    response
      .setHeader('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .attachment(`CIN_census_${report.year}_findings${ruleChosen && /^\w+$/.test(ruleChosen) ? `_${ruleChosen}` : ''}.csv`)
      .send(await csvOf(findingsCsvRows(findingsOfRule(report.findings, ruleChosen))));
  }

  /** Ofsted's Annex A for a day: the form alone until a day is given; a day that is not one is named by the field. */
  @Get('annex-a')
  async annexA(@Query() form: AnnexAForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const today = todayInEngland();
    const choice = annexAChoiceFrom(form, today);
    const shown = { pageTitle: "Ofsted's Annex A", asOf: typeof form.asOf === 'string' ? form.asOf : today };
    const refused = (messages: string[]) =>
      response.status(400).render('returns/annex-a', {
        ...shown,
        pageTitle: "Error: Ofsted's Annex A",
        errors: formErrorsFrom(messages, ANNEX_A_FIELDS, 'asOf', ANNEX_A_LABELS),
      });
    if (!choice.asked) return response.render('returns/annex-a', shown);
    if ('problem' in choice) return refused([choice.problem]);
    try {
      sendFile(response, await this.api.file('statutoryReturns', `/v1/returns/annex-a?asOf=${choice.asOf}`, user));
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 400) throw error;
      refused(error.messages);
    }
  }

  /** A year with no return, or not a year, or not ready yet: the year's page says which, rather than an error page. */
  private backToTheYear(error: unknown, year: string, response: Response): void {
    if (!(error instanceof ApiRefusal) || ![400, 422, 503].includes(error.status)) throw error;
    response.redirect(303, `/returns?${new URLSearchParams({ year })}`);
  }
}

/** The service's file as it sent it: its type, its name, its bytes; never kept by a cache, since it names children. */
const sendFile = (response: Response, file: ApiFile): void => {
  response.setHeader('Content-Type', file.contentType);
  if (file.contentDisposition) response.setHeader('Content-Disposition', file.contentDisposition);
  response.setHeader('Cache-Control', 'no-store');
  response.send(file.bytes);
};
