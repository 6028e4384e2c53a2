import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { commandContextOf, expectedVersionFrom, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import { ReferralCommands } from '../referral-commands';

export class ProvideInformationDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  answer!: string;
}

@ApiTags('referrals')
@ApiBearerAuth()
@ApiIfMatch('optional')
@AuditChildRecord('referral')
@Controller('v1/referrals/:id/information')
export class ProvideInformationController {
  constructor(private readonly commands: ReferralCommands) {}

  /** The referrer (its school, or the front door on its behalf) answers the open question. */
  @Post()
  @HttpCode(200)
  @Roles('FRONT_DOOR', 'SCHOOL')
  async provide(
    @Param('id', UuidParam('id')) referralId: string,
    @Body() body: ProvideInformationDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.commands.execute({
      referralId,
      user,
      context: commandContextOf(user, request.headers),
      expectedVersion: expectedVersionFrom(ifMatch),
      command: () => ({
        type: 'ProvideInformation',
        answer: body.answer,
        providedAt: new Date(),
        providedBy: { role: user.role, organisationId: user.org },
      }),
    });
    response.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
