import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiRefusal } from '../api/api-refusal';
import { formErrorsFrom } from '../api/field-errors';
import { ServicesApi } from '../api/services-api';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { csvOf } from './csv';
import { DASHBOARD_FIELDS, dashboardPeriodFrom, dashboardQuery, type DashboardForm } from './dashboard-period';
import { FIGURES, type ReadView } from './dashboard-views';
import { chartDataOf, csvRowsOf, tableOf, type Figure } from './figure';

/** The analyst's dashboard: analytics' views as charts, each beside a table of the same numbers and a CSV of them. */
@ForRoles(['ANALYST', 'ADMIN'])
@Controller('analytics')
export class DashboardController {
  constructor(private readonly api: ServicesApi) {}

  @Get()
  async dashboard(@Query() form: DashboardForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const period = dashboardPeriodFrom(form);
    const read = this.reader(user);
    const answers = await Promise.allSettled(Object.values(FIGURES).map((load) => load(read, period)));
    const refusals = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
    const notAFilter = refusals.find((reason) => !(reason instanceof ApiRefusal) || reason.status !== 400);
    if (notAFilter) throw notAFilter;
    const shown = { period, pageTitle: 'Dashboard', csvQuery: dashboardQuery(period) };
    if (refusals.length > 0) {
      // Every view checks the same period: each problem once.
      const messages = [...new Set(refusals.flatMap((reason) => (reason as ApiRefusal).messages))];
      const errors = formErrorsFrom(messages, DASHBOARD_FIELDS, 'from');
      return response.status(400).render('analyst/dashboard', { ...shown, pageTitle: 'Error: Dashboard', figures: [], errors });
    }
    const figures = answers.flatMap((answer) => (answer.status === 'fulfilled' && answer.value ? [answer.value] : []));
    response.render('analyst/dashboard', {
      ...shown,
      figures: figures.map((figure) => ({ ...figure, table: tableOf(figure) })),
      // Read by the chart script; `<` escaped so no text from a view can close the script element.
      chartJson: JSON.stringify(figures.map(chartDataOf)).replace(/</g, '\\u003c'),
    });
  }

  /** One figure's rows as CSV, for the same period: the numbers of its table, with counts and what they are out of. */
  @Get('csv/:figure')
  async csv(@Param('figure') id: string, @Query() form: DashboardForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const load = Object.hasOwn(FIGURES, id) ? FIGURES[id] : undefined;
    const figure: Figure | null = load ? await load(this.reader(user), dashboardPeriodFrom(form)) : null;
    if (!figure) throw new NotFoundException();
    response
      .type('text/csv; charset=utf-8')
      .attachment(`${figure.id}.csv`)
      .send(await csvOf(csvRowsOf(figure)));
  }

  private reader(user: SignedInUser): ReadView {
    return async <T>(path: string) => (await this.api.get<T>('analytics', path, user)).body;
  }
}
