import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SignedInUser } from '../sign-in/signed-in-user';
import { CurrentUser, ForRoles } from '../sign-in/signed-in.guard';
import { CasePageView, idFromAddress } from './case-page.view';

/**
 * A case for the social worker: its due dates, what has been recorded and its chronology, and a form for
 * each action the case allows next (posted to the controllers in ./actions, one per group of actions).
 */
@ForRoles(['SOCIAL_WORKER'])
@Controller('cases/:id')
export class CasePageController {
  constructor(private readonly view: CasePageView) {}

  @Get()
  async page(@Param('id') id: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    await this.view.show(response, 200, idFromAddress(id), user, {});
  }
}
