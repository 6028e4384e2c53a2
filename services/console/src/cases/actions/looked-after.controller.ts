import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import { idFromAddress } from '../case-page.view';
import type { PostedForm } from './case-form';
import { CaseWrites } from './case-writes';
import { END_LOOKED_AFTER, START_LOOKED_AFTER } from './looked-after.forms';

/** A period of being looked after: its start (under a legal status) and its end (with the reason). */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id/looked-after')
export class LookedAfterController {
  constructor(private readonly writes: CaseWrites) {}

  @Post()
  start(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    return this.writes.onCasePage(START_LOOKED_AFTER, { caseId: idFromAddress(id), path: '/looked-after', posted, user }, response);
  }

  @Post('end')
  end(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    return this.writes.onCasePage(END_LOOKED_AFTER, { caseId: idFromAddress(id), path: '/looked-after/end', posted, user }, response);
  }
}
