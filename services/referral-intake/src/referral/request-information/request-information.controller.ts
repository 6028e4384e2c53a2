import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { commandContextOf, expectedVersionFrom, UuidParam, AuditChildRecord, ApiIfMatch } from '@csc/platform';
import { ReferralCommands } from '../referral-commands';

export class RequestInformationDto {
  @ApiProperty({ maxLength: 2000, example: 'Who else lives at the address?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  question!: string;
}

@ApiTags('referrals')
@ApiBearerAuth()
@ApiIfMatch('optional')
@AuditChildRecord('referral')
@Controller('v1/referrals/:id/information-requests')
export class RequestInformationController {
  constructor(private readonly commands: ReferralCommands) {}

  /** The front door goes back to the referrer: one open question at a time. */
  @Post()
  @HttpCode(201)
  @Roles('FRONT_DOOR')
  async request(
    @Param('id', UuidParam('id')) referralId: string,
    @Body() body: RequestInformationDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const requestId = randomUUID();
    const result = await this.commands.execute({
      referralId,
      user,
      context: commandContextOf(user, request.headers),
      expectedVersion: expectedVersionFrom(ifMatch),
      command: () => ({ type: 'RequestInformation', requestId, question: body.question, requestedAt: new Date() }),
    });
    response.setHeader('ETag', `"${result.version}"`);
    return { ...result, requestId };
  }
}
