import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { PRIMARY_NEED_CODES, REFERRAL_OUTCOMES, type PrimaryNeed, type ReferralOutcome } from '@csc/contracts';
import {
  commandContextOf,
  expectedVersionFrom,
  IsInstant,
  IsNotInFuture,
  UuidParam,
  AuditChildRecord,
  AuditRecorder,
  ApiIfMatch,
} from '@csc/platform';
import { ReferralCommands } from '../referral-commands';

export class DecideReferralDto {
  @ApiProperty({ enum: REFERRAL_OUTCOMES })
  @IsIn(REFERRAL_OUTCOMES)
  outcome!: ReferralOutcome;

  @ApiPropertyOptional({ description: 'Defaults to now' })
  @IsOptional()
  @IsInstant()
  @IsNotInFuture()
  decidedAt?: string;

  @ApiPropertyOptional({
    enum: PRIMARY_NEED_CODES,
    description: 'Required for ACCEPTED_FOR_ASSESSMENT and NFA (a CIN referral); not recorded otherwise',
  })
  @IsOptional()
  @IsIn(PRIMARY_NEED_CODES)
  primaryNeed?: PrimaryNeed;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  rationale!: string;
}

@ApiTags('referrals')
@ApiBearerAuth()
@ApiIfMatch('optional')
@AuditChildRecord('referral')
@Controller('v1/referrals/:id/decision')
export class DecideReferralController {
  constructor(
    private readonly commands: ReferralCommands,
    private readonly audit: AuditRecorder,
  ) {}

  /** The front door decides, once. */
  @Post()
  @HttpCode(200)
  @Roles('FRONT_DOOR')
  async decide(
    @Param('id', UuidParam('id')) referralId: string,
    @Body() body: DecideReferralDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const served = await this.commands.execute({
      referralId,
      user,
      context: commandContextOf(user, request.headers),
      expectedVersion: expectedVersionFrom(ifMatch),
      command: () => ({
        type: 'DecideReferral',
        outcome: body.outcome,
        decidedAt: body.decidedAt ? new Date(body.decidedAt) : new Date(),
        primaryNeed: body.primaryNeed ?? null,
        rationale: body.rationale,
      }),
      respond: (result) => ({ ...result, outcome: body.outcome }),
      // A hot path: its audit rows are written in the decision's own statement.
      auditAlongside: (decided) => this.audit.servedAlongside(request, 200, decided),
    });
    response.setHeader('ETag', `"${served.version}"`);
    return served;
  }
}
