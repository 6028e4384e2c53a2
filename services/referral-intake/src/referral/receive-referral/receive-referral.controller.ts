import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { commandContextOf, AuditChildRecord, AuditRecorder, ApiIdempotencyKey, idempotencyKeyFrom } from '@csc/platform';
import { ReceiveReferralDto, ReferralCreatedDto } from './receive-referral.dto';
import { ReceiveReferralHandler } from './receive-referral.handler';

@ApiTags('referrals')
@ApiBearerAuth()
@AuditChildRecord('referral')
@Controller('v1/referrals')
export class ReceiveReferralController {
  constructor(
    private readonly handler: ReceiveReferralHandler,
    private readonly audit: AuditRecorder,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('FRONT_DOOR', 'SCHOOL')
  @ApiIdempotencyKey()
  @ApiResponse({ status: 201, type: ReferralCreatedDto })
  async receive(
    @Body() body: ReceiveReferralDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.handler.handle({
      body,
      rawBody: request.body,
      user,
      context: commandContextOf(user, request.headers),
      idempotencyKey: idempotencyKeyFrom(idempotencyKey),
      // The hot path: its audit rows are written in the referral's own statement.
      auditAlongside: ({ status, body }) => this.audit.servedAlongside(request, status, body),
    });
    const created = result.body as ReferralCreatedDto;
    response.status(result.status).setHeader('ETag', `"${created.version}"`).setHeader('Location', `/v1/referrals/${created.referralId}`);
    return created;
  }
}
