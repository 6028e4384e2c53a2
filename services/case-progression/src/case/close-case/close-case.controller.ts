import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Roles } from '@csc/auth';
import { REASON_FOR_CLOSURE_CODES, type ReasonForClosure } from '@csc/contracts';
import { IsCalendarDate, IsNotInFuture, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import { CaseCommands } from '../case-commands';
import { CaseWrite, writeCase, type CaseWriteContext } from '../case-write';

export class CloseCaseDto {
  @ApiProperty({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  @IsNotInFuture()
  closedOn!: string;

  @ApiProperty({ enum: REASON_FOR_CLOSURE_CODES, description: 'CIN census reason for closure; RC9 hands the family to early help' })
  @IsIn(REASON_FOR_CLOSURE_CODES)
  reason!: ReasonForClosure;
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiIfMatch('required')
@AuditChildRecord('case')
@Controller('v1/cases/:id/closure')
export class CloseCaseController {
  constructor(private readonly commands: CaseCommands) {}

  @Post()
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  close(@Param('id', UuidParam('id')) caseId: string, @Body() body: CloseCaseDto, @CaseWrite() write: CaseWriteContext) {
    return writeCase(this.commands, caseId, write, () => ({ type: 'CloseCase', closedOn: body.closedOn, reason: body.reason }));
  }
}
