import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@csc/auth';
import { londonDateOf } from '@csc/domain';
import { UuidParam, AuditChildRecord } from '@csc/platform';
import { caseView } from '../case-view';
import { CaseRepository } from '../case.repository';

/** Reads fold the case's events and compute what is due as of today (in England). */
@ApiTags('cases')
@ApiBearerAuth()
@AuditChildRecord('case')
@Controller('v1')
export class ReadCasesController {
  constructor(private readonly cases: CaseRepository) {}

  @Get('cases/:id')
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async case(@Param('id', UuidParam('id')) caseId: string, @Res({ passthrough: true }) response: Response) {
    const loaded = await this.cases.load(caseId);
    if (!loaded) throw new NotFoundException([`id: no case ${caseId}`]);
    response.setHeader('ETag', `"${loaded.version}"`);
    return caseView(loaded.state, loaded.version, londonDateOf(new Date()));
  }

  @Get('children/:childId/cases')
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async childCases(@Param('childId', UuidParam('childId')) childId: string) {
    const today = londonDateOf(new Date());
    const loaded = await Promise.all((await this.cases.caseIdsOf(childId)).map((caseId) => this.cases.load(caseId)));
    const views = loaded.filter((item) => item !== null).map((item) => caseView(item.state, item.version, today));
    if (views.length === 0) throw new NotFoundException([`childId: no cases for child ${childId}`]);
    return views;
  }
}
