import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { REASON_FOR_CLOSURE_CODES, type ReasonForClosure } from '@csc/contracts';
import { IsCalendarDate, IsNotInFuture, UuidParam } from '@csc/platform';
import { CaseCommands } from '../case-commands';
import { writeCase } from '../case-write';

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
@Controller('v1/cases/:id/closure')
export class CloseCaseController {
  constructor(private readonly commands: CaseCommands) {}

  @Post()
  @HttpCode(201)
  @Roles('SOCIAL_WORKER', 'FRONT_DOOR')
  close(
    @Param('id', UuidParam('id')) caseId: string,
    @Body() body: CloseCaseDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return writeCase(this.commands, {
      caseId,
      user,
      request,
      response,
      command: () => ({ type: 'CloseCase', closedOn: body.closedOn, reason: body.reason }),
    });
  }
}
