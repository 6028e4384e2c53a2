import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ServicesApi } from '../../api/services-api';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import type { CasePageState } from '../case-page';
import { idFromAddress } from '../case-page.view';
import type { CaseRead } from '../case-read';
import type { PostedForm } from './case-form';
import { CaseWrites } from './case-writes';
import { childCharacteristicsForm } from './child-characteristics.forms';
import { childCharacteristicsPage } from './child-characteristics.page';

/** The child's census details, on a page of their own (a long form): shown as known, and corrected, open case or closed. */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id/child')
export class ChildCharacteristicsController {
  constructor(
    private readonly api: ServicesApi,
    private readonly writes: CaseWrites,
  ) {}

  @Get()
  async page(@Param('id') id: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    await this.show(response, 200, idFromAddress(id), user, {});
  }

  @Post()
  async record(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const caseId = idFromAddress(id);
    // What changed is judged against the details as they are now; a stale page is still refused by If-Match.
    const { body: read } = await this.api.get<CaseRead>('caseProgression', `/v1/cases/${caseId}`, user);
    await this.writes.submit(
      childCharacteristicsForm(read.child),
      { caseId, path: '/child-characteristics', posted, user },
      response,
      (status, state) => this.show(response, status, caseId, user, state),
    );
  }

  private async show(response: Response, status: number, caseId: string, user: SignedInUser, state: Partial<CasePageState>) {
    const read = await this.api.get<CaseRead>('caseProgression', `/v1/cases/${caseId}`, user);
    const formVersion = state.formVersion !== undefined ? state.formVersion : (read.version ?? read.body.version);
    response.status(status).render('cases/child', childCharacteristicsPage(read.body, { ...state, formVersion }));
  }
}
