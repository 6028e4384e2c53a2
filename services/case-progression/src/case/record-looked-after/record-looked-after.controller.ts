import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Roles } from '@csc/auth';
import { IsCalendarDate, IsNotInFuture, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import { CaseCommands } from '../case-commands';
import { CaseWrite, writeCase, type CaseWriteContext } from '../case-write';

const CODE = /^[A-Z0-9]{1,10}$/;

export class BecameLookedAfterDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  startedOn!: string;

  @ApiProperty({ example: 'C2', description: 'SSDA903 legal status code' })
  @Matches(CODE, { message: 'must be a legal status code such as C2 or V2' })
  legalStatus!: string;
}

export class CeasedToBeLookedAfterDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  endedOn!: string;

  @ApiProperty({ example: 'E13', description: 'SSDA903 reason episode ceased' })
  @Matches(CODE, { message: 'must be a reason code such as E13' })
  reason!: string;
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiIfMatch('required')
@AuditChildRecord('case')
@Controller('v1/cases/:id/looked-after')
export class RecordLookedAfterController {
  constructor(private readonly commands: CaseCommands) {}

  @Post()
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  start(@Param('id', UuidParam('id')) caseId: string, @Body() body: BecameLookedAfterDto, @CaseWrite() write: CaseWriteContext) {
    const periodId = randomUUID();
    return writeCase(this.commands, caseId, write, () => ({
      type: 'StartLookedAfter',
      periodId,
      startedOn: body.startedOn,
      legalStatus: body.legalStatus,
    }));
  }

  @Post('end')
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  end(@Param('id', UuidParam('id')) caseId: string, @Body() body: CeasedToBeLookedAfterDto, @CaseWrite() write: CaseWriteContext) {
    return writeCase(this.commands, caseId, write, () => ({ type: 'EndLookedAfter', endedOn: body.endedOn, reason: body.reason }));
  }
}
