import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import { idFromAddress } from '../case-page.view';
import type { PostedForm } from './case-form';
import { CaseWrites } from './case-writes';
import { CLOSE_CASE } from './closure.forms';

/** Closing the case, with the census reason. */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id/closure')
export class ClosureController {
  constructor(private readonly writes: CaseWrites) {}

  @Post()
  close(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    return this.writes.onCasePage(CLOSE_CASE, { caseId: idFromAddress(id), path: '/closure', posted, user }, response);
  }
}
