import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import { idFromAddress } from '../case-page.view';
import { COMPLETE_ASSESSMENT, START_ASSESSMENT } from './assessment.forms';
import type { PostedForm } from './case-form';
import { CaseWrites } from './case-writes';

/** The case's assessment: started, then completed with its outcome and factors. */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id/assessments')
export class AssessmentController {
  constructor(private readonly writes: CaseWrites) {}

  @Post()
  start(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    return this.writes.onCasePage(START_ASSESSMENT, { caseId: idFromAddress(id), path: '/assessments', posted, user }, response);
  }

  @Post(':aid/completion')
  complete(
    @Param('id') id: string,
    @Param('aid') assessmentId: string,
    @Body() posted: PostedForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const path = `/assessments/${idFromAddress(assessmentId)}/completion`;
    return this.writes.onCasePage(COMPLETE_ASSESSMENT, { caseId: idFromAddress(id), path, posted, user }, response);
  }
}
