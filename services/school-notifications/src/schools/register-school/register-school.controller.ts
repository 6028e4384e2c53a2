import { Body, ConflictException, Controller, ForbiddenException, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { IsSchoolUrn, NotChildData } from '@csc/platform';
import { IsWebhookUrl } from '../webhook-url';
import { WebhookSecrets } from '../webhook-secrets';

export class RegisterSchoolDto {
  @ApiProperty({ example: '100001', description: "The school's six-digit URN" })
  @IsSchoolUrn()
  urn!: string;

  @ApiProperty({ example: 'Example Primary School', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'https://school.example/csc-webhook', description: 'https (http only on the loopback)' })
  @IsOptional()
  @IsWebhookUrl()
  webhookUrl?: string;
}

export class WebhookDto {
  @ApiProperty({ example: 'https://school.example/csc-webhook', description: 'https (http only on the loopback)' })
  @IsWebhookUrl()
  url!: string;
}

const PG_UNIQUE_VIOLATION = '23505';

/** Schools are registered by an admin; a school (or an admin) sets its webhook and gets a new secret each time. */
@ApiTags('schools')
@ApiBearerAuth()
@Controller('v1/schools')
export class RegisterSchoolController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecrets,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Register a school; its webhook signing secret is shown once, here' })
  async register(@Body() body: RegisterSchoolDto) {
    const { secret, stored } = this.secrets.issue(body.urn);
    await this.dataSource
      .query(`INSERT INTO schools (urn, name, webhook_url, secret_key_id, secret_sealed) VALUES ($1, $2, $3, $4, $5)`, [
        body.urn,
        body.name,
        body.webhookUrl ?? null,
        stored.keyId,
        stored.sealed,
      ])
      .catch((error: { code?: string; driverError?: { code?: string } }) => {
        if ((error.code ?? error.driverError?.code) === PG_UNIQUE_VIOLATION)
          throw new ConflictException([`urn: school ${body.urn} is already registered; set its webhook to get a new secret`]);
        throw error;
      });
    return { urn: body.urn, webhookSecret: secret };
  }

  @Put(':urn/webhook')
  @Roles('ADMIN', 'SCHOOL')
  @NotChildData()
  @ApiOperation({ summary: "Set a school's webhook; returns a new signing secret (the old one stops working)" })
  async setWebhook(@Param('urn') urn: string, @Body() body: WebhookDto, @CurrentUser() user: AuthenticatedUser) {
    if (user.role === 'SCHOOL' && user.org !== urn) throw new ForbiddenException(['urn: a school may set only its own webhook']);
    const { secret, stored } = this.secrets.issue(urn);
    const [, updated] = await this.dataSource.query(
      `UPDATE schools SET webhook_url = $2, secret_key_id = $3, secret_sealed = $4, secret_rotated_at = now() WHERE urn = $1`,
      [urn, body.url, stored.keyId, stored.sealed],
    );
    if (!updated) throw new NotFoundException([`urn: no school ${urn} is registered`]);
    return { urn, webhookSecret: secret };
  }
}
