import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../api/api-refusal';
import { formErrorsFrom } from '../api/field-errors';
import { ServicesApi } from '../api/services-api';
import { calendarDay } from '../display/calendar-day';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { caseReference } from './case-read';
import {
  CASE_STAGE_NAMES,
  CASELOAD_FIELDS,
  caseloadFiltersFrom,
  caseloadQuery,
  DUE_NAMES,
  overdueItems,
  stageItems,
  type CaseloadForm,
} from './caseload-filters';

/** One row of `GET /v1/cases` (README, "A statutory case"). */
export interface CaseloadItem {
  caseId: string;
  childId: string;
  referralId: string;
  stage: string;
  openedOn: string;
  nextDue: { what: string; dueOn: string } | null;
  overdue: boolean;
  version: number;
}

/** The social worker's caseload: by next due date, soonest first, the API's filters as a GET form, paged by its cursor. */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases')
export class CaseloadController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async caseload(@Query() form: CaseloadForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const filters = caseloadFiltersFrom(form);
    const shown = { filters, stageItems: stageItems(filters.stage), overdueItems: overdueItems(filters.overdue) };
    try {
      const query = caseloadQuery(filters);
      const { body } = await this.api.get<{ items: CaseloadItem[]; next: string | null }>(
        'caseProgression',
        `/v1/cases${query ? `?${query}` : ''}`,
        user,
      );
      response.render('cases/caseload', {
        ...shown,
        pageTitle: 'Caseload',
        rows: body.items.map(caseloadRowOf),
        nextPage: body.next ? `?${caseloadQuery(filters, body.next)}` : null,
        firstPage: filters.after ? `?${caseloadQuery(filters, '')}` : null,
      });
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 400) throw error;
      const errors = formErrorsFrom(error.messages, CASELOAD_FIELDS, 'stage');
      response.status(400).render('cases/caseload', { ...shown, pageTitle: 'Error: Caseload', rows: [], errors });
    }
  }
}

/** A caseload row: the list carries no names, so each case is known by its reference and the day it opened. */
export const caseloadRowOf = (item: CaseloadItem) => ({
  href: `/cases/${encodeURIComponent(item.caseId)}`,
  reference: caseReference(item.caseId),
  openedOn: calendarDay(item.openedOn),
  stage: CASE_STAGE_NAMES[item.stage] ?? item.stage,
  nextDue: item.nextDue ? `${DUE_NAMES[item.nextDue.what] ?? item.nextDue.what} by ${calendarDay(item.nextDue.dueOn)}` : 'Nothing due',
  overdue: item.overdue,
});
