import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import {
  ApiIdempotencyKey,
  ApiIfMatch,
  callerOf,
  expectedVersionFrom,
  IdempotencyKeys,
  idempotencyKeyFrom,
  IsSchoolUrn,
  NotChildData,
  versionToWriteOn,
} from '@csc/platform';
import { IsWebhookUrl } from '../webhook-url';
import { WebhookSecrets, type SealedSecret } from '../webhook-secrets';
import { WebhookTargets } from '../../webhooks/webhook-targets';

const WEBHOOK_URL_DESCRIPTION = 'https to a public address (http and local addresses only where a development deployment allows them)';

export class RegisterSchoolDto {
  @ApiProperty({ example: '100001', description: "The school's six-digit URN" })
  @IsSchoolUrn()
  urn!: string;

  @ApiProperty({ example: 'Example Primary School', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'https://school.example/csc-webhook', description: WEBHOOK_URL_DESCRIPTION })
  @IsOptional()
  @IsWebhookUrl()
  webhookUrl?: string;
}

export class WebhookDto {
  @ApiProperty({ example: 'https://school.example/csc-webhook', description: WEBHOOK_URL_DESCRIPTION })
  @IsWebhookUrl()
  url!: string;
}

/** What a registration keeps under its Idempotency-Key: the secret sealed, never as it was shown. */
interface Registered {
  urn: string;
  webhookSecret: SealedSecret;
  version: number;
}

/** Schools are registered by an admin; a school (or an admin) sets its webhook and gets a new secret each time. */
@ApiTags('schools')
@ApiBearerAuth()
@Controller('v1/schools')
export class RegisterSchoolController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecrets,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly targets: WebhookTargets,
  ) {}

  /** Before anything is written: a webhook may not point inside the authority's network (server-side request forgery). */
  private async refuseUnreachable(field: string, url: string | null | undefined): Promise<void> {
    // null is "no webhook yet", as leaving the field out is (class-validator's IsOptional lets both through).
    const refusal = url == null ? null : await this.targets.refusalOf(url);
    if (refusal) throw new BadRequestException([`${field}: ${refusal}`]);
  }

  @Post()
  @HttpCode(201)
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Register a school; its webhook signing secret is shown once, here (and to a retry with its Idempotency-Key)' })
  @ApiIdempotencyKey()
  async register(
    @Body() body: RegisterSchoolDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.refuseUnreachable('webhookUrl', body.webhookUrl);
    const idempotent = { caller: callerOf(user), key: idempotencyKeyFrom(idempotencyKey), request: request.body };
    const { status, body: kept } = await this.dataSource.transaction((manager) =>
      this.idempotencyKeys.once(manager, idempotent, async () => ({ status: 201, body: await this.insert(manager, body) })),
    );
    const registered = kept as Registered;
    response.status(status).setHeader('ETag', `"${registered.version}"`);
    return { urn: registered.urn, webhookSecret: this.secrets.reveal(registered.urn, registered.webhookSecret) };
  }

  /** A school already registered stays as it is (409): its webhook is changed, and its secret renewed, by PUT. */
  private async insert(manager: EntityManager, body: RegisterSchoolDto): Promise<Registered> {
    const { stored } = this.secrets.issue(body.urn);
    const inserted = await manager.query(
      `INSERT INTO schools (urn, name, webhook_url, secret_key_id, secret_sealed) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (urn) DO NOTHING RETURNING version`,
      [body.urn, body.name, body.webhookUrl ?? null, stored.keyId, stored.sealed],
    );
    if (inserted.length === 0) {
      throw new ConflictException([`urn: school ${body.urn} is already registered; set its webhook to get a new secret`]);
    }
    return { urn: body.urn, webhookSecret: stored, version: inserted[0].version };
  }

  @Put(':urn/webhook')
  @Roles('ADMIN', 'SCHOOL')
  @NotChildData()
  @ApiOperation({ summary: "Set a school's webhook; returns a new signing secret (the old one stops working)" })
  @ApiIfMatch('optional')
  async setWebhook(
    @Param('urn') urn: string,
    @Body() body: WebhookDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (user.role === 'SCHOOL' && user.org !== urn) throw new ForbiddenException(['urn: a school may set only its own webhook']);
    await this.refuseUnreachable('url', body.url);
    const expectedVersion = expectedVersionFrom(ifMatch);
    const { secret, stored } = this.secrets.issue(urn);
    const version = await this.dataSource.transaction(async (manager) => {
      const [school] = await manager.query(`SELECT version FROM schools WHERE urn = $1 FOR UPDATE`, [urn]);
      if (!school) throw new NotFoundException([`urn: no school ${urn} is registered`]);
      versionToWriteOn(urn, expectedVersion, school.version, 'optional');
      const [[updated]] = await manager.query(
        `UPDATE schools SET webhook_url = $2, secret_key_id = $3, secret_sealed = $4, secret_rotated_at = now(), version = version + 1
         WHERE urn = $1 RETURNING version`,
        [urn, body.url, stored.keyId, stored.sealed],
      );
      return updated.version as number;
    });
    response.setHeader('ETag', `"${version}"`);
    return { urn, webhookSecret: secret };
  }
}
