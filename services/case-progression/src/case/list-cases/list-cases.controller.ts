import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@csc/auth';
import { londonDateOf } from '@csc/domain';
import { AuditChildRecord } from '@csc/platform';
import { Caseload } from './caseload.query';
import { ListCasesQueryDto } from './list-cases.dto';

/** The caseload: every case by its next statutory due date. Each item is a child's record: each is in the audit trail. */
@ApiTags('cases')
@ApiBearerAuth()
@AuditChildRecord('case')
@Controller('v1/cases')
export class ListCasesController {
  constructor(private readonly caseload: Caseload) {}

  @Get()
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  async list(@Query() query: ListCasesQueryDto) {
    return this.caseload.page(query, londonDateOf(new Date()));
  }
}
