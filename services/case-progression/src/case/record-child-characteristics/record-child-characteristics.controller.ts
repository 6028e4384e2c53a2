import { BadRequestException, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@csc/auth';
import type { ChildDetailsCorrection } from '@csc/contracts';
import { londonDateOf } from '@csc/domain';
import { AuditChildRecord, UuidParam, ApiIfMatch } from '@csc/platform';
import { CaseCommands } from '../case-commands';
import { CaseWrite, writeCase, type CaseWriteContext } from '../case-write';
import { CHILD_DETAIL_FIELDS, RecordChildCharacteristicsDto } from './record-child-characteristics.dto';

/** The child's census details (ethnicity, disabilities, UPN or why it is unknown, birth, death), on an open or closed case. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiIfMatch('required')
@AuditChildRecord('case')
@Controller('v1/cases/:id/child-characteristics')
export class RecordChildCharacteristicsController {
  constructor(private readonly commands: CaseCommands) {}

  @Post()
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  record(@Param('id', UuidParam('id')) caseId: string, @Body() body: RecordChildCharacteristicsDto, @CaseWrite() write: CaseWriteContext) {
    const correction = correctionOf(body);
    const recordedOn = londonDateOf(new Date());
    return writeCase(this.commands, caseId, write, () => ({ type: 'RecordChildCharacteristics', correction, recordedOn }));
  }
}

const correctionOf = (body: RecordChildCharacteristicsDto): ChildDetailsCorrection => {
  const given = CHILD_DETAIL_FIELDS.filter((field) => body[field] !== undefined);
  if (given.length === 0) throw new BadRequestException([`body: give at least one of ${CHILD_DETAIL_FIELDS.join(', ')}`]);
  const correction: ChildDetailsCorrection = Object.fromEntries(given.map((field) => [field, body[field]]));
  // UPNs are kept in capitals, as the referral keeps them, so one child's UPN compares equal however it was typed.
  if (correction.upn) correction.upn = correction.upn.toUpperCase();
  if (correction.formerUpn) correction.formerUpn = correction.formerUpn.toUpperCase();
  return correction;
};
