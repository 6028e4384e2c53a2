import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import { idFromAddress } from '../case-page.view';
import type { PostedForm } from './case-form';
import { CaseWrites } from './case-writes';
import { END_CIN_PLAN, END_CP_PLAN, REVIEW_CP_PLAN, START_CIN_PLAN } from './plans.forms';

/** Plans: a child in need plan started and ended; a child protection plan (started by its conference) reviewed and ended. */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id')
export class PlansController {
  constructor(private readonly writes: CaseWrites) {}

  @Post('cin-plans')
  startCinPlan(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    return this.writes.onCasePage(START_CIN_PLAN, { caseId: idFromAddress(id), path: '/cin-plans', posted, user }, response);
  }

  @Post('cin-plans/:pid/end')
  endCinPlan(
    @Param('id') id: string,
    @Param('pid') planId: string,
    @Body() posted: PostedForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const path = `/cin-plans/${idFromAddress(planId)}/end`;
    return this.writes.onCasePage(END_CIN_PLAN, { caseId: idFromAddress(id), path, posted, user }, response);
  }

  @Post('cp-plans/:pid/reviews')
  reviewCpPlan(
    @Param('id') id: string,
    @Param('pid') planId: string,
    @Body() posted: PostedForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const path = `/cp-plans/${idFromAddress(planId)}/reviews`;
    return this.writes.onCasePage(REVIEW_CP_PLAN, { caseId: idFromAddress(id), path, posted, user }, response);
  }

  @Post('cp-plans/:pid/end')
  endCpPlan(
    @Param('id') id: string,
    @Param('pid') planId: string,
    @Body() posted: PostedForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const path = `/cp-plans/${idFromAddress(planId)}/end`;
    return this.writes.onCasePage(END_CP_PLAN, { caseId: idFromAddress(id), path, posted, user }, response);
  }
}
