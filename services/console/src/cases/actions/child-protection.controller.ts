import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SignedInUser } from '../../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../../sign-in/signed-in.guard';
import { idFromAddress } from '../case-page.view';
import type { PostedForm } from './case-form';
import { CaseWrites } from './case-writes';
import { CONFERENCE, SECTION_47_OUTCOME, STRATEGY_DISCUSSION } from './child-protection.forms';

/** Child protection: a strategy discussion (and the Section 47 enquiry it starts), the enquiry's outcome, the conference. */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id')
export class ChildProtectionController {
  constructor(private readonly writes: CaseWrites) {}

  @Post('strategy-discussions')
  strategyDiscussion(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    return this.writes.onCasePage(
      STRATEGY_DISCUSSION,
      { caseId: idFromAddress(id), path: '/strategy-discussions', posted, user },
      response,
    );
  }

  @Post('section47/:sid/outcome')
  section47Outcome(
    @Param('id') id: string,
    @Param('sid') section47Id: string,
    @Body() posted: PostedForm,
    @CurrentUser() user: SignedInUser,
    @Res() response: Response,
  ) {
    const path = `/section47/${idFromAddress(section47Id)}/outcome`;
    return this.writes.onCasePage(SECTION_47_OUTCOME, { caseId: idFromAddress(id), path, posted, user }, response);
  }

  @Post('conferences')
  conference(@Param('id') id: string, @Body() posted: PostedForm, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    return this.writes.onCasePage(CONFERENCE, { caseId: idFromAddress(id), path: '/conferences', posted, user }, response);
  }
}
