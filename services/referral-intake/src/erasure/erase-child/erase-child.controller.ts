import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { ERASURE_BASES, type ErasureBasis } from '@csc/contracts';
import { ApiIdempotencyKey, AuditChildRecord, callerOf, commandContextOf, idempotencyKeyFrom, UuidParam } from '@csc/platform';
import { ChildErasure } from '../child-erasure';

export class EraseChildDto {
  @ApiProperty({ enum: ERASURE_BASES, default: 'ERASURE_REQUEST' })
  @IsOptional()
  @IsIn(ERASURE_BASES)
  basis?: ErasureBasis;

  @ApiProperty({ description: 'Why, for the record (kept in referral-intake only, never on a topic)', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('v1/children/:childId/erasure')
export class EraseChildController {
  constructor(private readonly erasure: ChildErasure) {}

  @Post()
  @HttpCode(201)
  @Roles('ADMIN')
  @AuditChildRecord('child', { idParam: 'childId' })
  @ApiOperation({
    summary: "Erase a child's personal data everywhere",
    description:
      "Destroys the child's keys, so no service, topic or replay can open their personal data again, and emits ChildErased. " +
      'Counts stay as they were: the child remains as an id with coarse attributes. 201 when erased now, 200 when already erased.',
  })
  @ApiIdempotencyKey()
  async erase(
    @Param('childId', UuidParam('childId')) childId: string,
    @Body() body: EraseChildDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { erasure, created } = await this.erasure.erase(
      childId,
      body.basis ?? 'ERASURE_REQUEST',
      body.reason,
      commandContextOf(user, request.headers),
      // The body does not name the child: the key stands for this child's erasure with this body.
      { caller: callerOf(user), key: idempotencyKeyFrom(idempotencyKey), request: { childId, body: request.body } },
    );
    response.status(created ? 201 : 200);
    return erasure;
  }
}
