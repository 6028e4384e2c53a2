import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Post, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { londonDateOf, normaliseNhsNumber } from '@csc/domain';
import { NO_STREAM, type AppendContext } from '@csc/event-store';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ApiIdempotencyKey,
  AuditChildRecord,
  callerOf,
  ChildDto,
  commandContextOf,
  IdempotencyKeys,
  idempotencyKeyFrom,
} from '@csc/platform';
import { decide, foldEpisode } from '../episode.decider';
import { EpisodeRepository } from '../episode.repository';

export class EarlyHelpConsentDto {
  @ApiProperty({ description: 'Early help is voluntary: the family must agree' })
  @IsBoolean()
  given!: boolean;
}

export class RequestEarlyHelpDto {
  @ApiProperty({ type: () => ChildDto })
  @IsObject({ message: 'is required: an object' })
  @ValidateNested()
  @Type(() => ChildDto)
  child!: ChildDto;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;

  @ApiProperty({ type: () => EarlyHelpConsentDto })
  @IsObject({ message: 'is required: an object' })
  @ValidateNested()
  @Type(() => EarlyHelpConsentDto)
  consent!: EarlyHelpConsentDto;
}

/** A school or an early help practitioner asks for early help directly, with the family's consent. */
@ApiTags('early help')
@ApiBearerAuth()
@AuditChildRecord('episode')
@Controller('v1/early-help/requests')
export class RequestEarlyHelpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly episodes: EpisodeRepository,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('SCHOOL', 'EARLY_HELP')
  @ApiIdempotencyKey()
  async request(
    @Body() body: RequestEarlyHelpDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const idempotent = { caller: callerOf(user), key: idempotencyKeyFrom(idempotencyKey), request: request.body };
    if (!body.consent.given)
      throw new UnprocessableEntityException(["consent.given: early help needs the family's consent [consent-for-early-help]"]);
    // One transaction: the key's claim and the episode's events, so a retry replays and a refusal leaves nothing.
    const { status, body: opened } = await this.dataSource.transaction((manager) =>
      this.idempotencyKeys.once(manager, idempotent, async () => ({
        status: 201,
        body: await this.open(body, user, commandContextOf(user, request.headers), manager),
      })),
    );
    const { episodeId, version } = opened as { episodeId: string; version: number };
    response.status(status).setHeader('ETag', `"${version}"`).setHeader('Location', `/v1/early-help/episodes/${episodeId}`);
    return opened;
  }

  private async open(body: RequestEarlyHelpDto, user: AuthenticatedUser, context: AppendContext, manager: EntityManager) {
    const episodeId = randomUUID();
    const { child } = body;
    const events = decide(
      {
        type: 'OpenEpisode',
        opened: {
          episodeId,
          childId: null,
          openedOn: londonDateOf(new Date()),
          origin: 'DIRECT_REQUEST',
          originId: null,
          requestedByOrganisationId: user.org,
          sex: child.sex,
          schoolUrn: child.schoolUrn ?? (user.role === 'SCHOOL' ? user.org : null),
          consentGiven: true,
          subject: {
            child: Object.fromEntries(
              Object.entries({
                givenName: child.givenName,
                familyName: child.familyName,
                dateOfBirth: child.dateOfBirth,
                expectedDateOfBirth: child.expectedDateOfBirth,
                nhsNumber: child.nhsNumber ? normaliseNhsNumber(child.nhsNumber) : undefined,
                upn: child.upn?.toUpperCase(),
                postcode: child.postcode?.toUpperCase(),
              }).filter(([, value]) => value !== undefined),
            ) as { givenName: string; familyName: string },
            reason: body.reason,
          },
        },
      },
      foldEpisode([]),
    );
    const version = await this.episodes.append(episodeId, null, NO_STREAM, events, context, manager);
    return { episodeId, stage: 'OPENED', version };
  }
}
