import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@csc/auth';
import { AuditChildRecord, chronologyOf, noteAuditedChild, UuidParam } from '@csc/platform';
import { CaseRepository } from '../case.repository';
import { describeCaseEvent } from '../domain/case-chronology';

/** What happened on a case, when and by whom, oldest first: the same callers as its single read. */
@ApiTags('cases')
@ApiBearerAuth()
@AuditChildRecord('case')
@Controller('v1/cases')
export class ReadCaseHistoryController {
  constructor(private readonly cases: CaseRepository) {}

  @Get(':id/history')
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async history(@Param('id', UuidParam('id')) caseId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const history = await this.cases.streams.loadWithHistory(caseId);
    if (!history) throw new NotFoundException([`id: no case ${caseId}`]);
    const { loaded, recorded } = history;
    noteAuditedChild(request, loaded.state.opened?.childId);
    response.setHeader('ETag', `"${loaded.version}"`);
    return { caseId, version: loaded.version, entries: chronologyOf(recorded, describeCaseEvent) };
  }
}
