import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import type { AuditRecord } from './audit-trail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One of childId and userId is required: the trail is read about someone, never dumped whole. */
export class AuditLogQueryDto {
  @ApiPropertyOptional({ description: 'The child whose record was read or changed (required unless userId is given)', format: 'uuid' })
  @ValidateIf((query: AuditLogQueryDto) => query.childId !== undefined || query.userId === undefined)
  @ValidateBy({
    name: 'childIdOrUserId',
    validator: {
      validate: (value) => typeof value === 'string' && UUID.test(value),
      defaultMessage: (args) => (args?.value === undefined ? 'required unless userId is given' : 'must be a UUID'),
    },
  })
  childId?: string;

  @ApiPropertyOptional({ description: 'The token subject (`sub`) of the user who called (required unless childId is given)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  userId?: string;

  @ApiPropertyOptional({ description: "Only rows older than this cursor: the previous page's nextBefore" })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be the nextBefore of an earlier page' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditRecordDto implements AuditRecord {
  @ApiProperty({ description: 'Increases with time; also the paging cursor' })
  id!: string;
  @ApiProperty({ description: 'ISO 8601 instant with offset' })
  occurredAt!: string;
  @ApiProperty({ description: "The caller's token subject; `anonymous` when no valid token was given" })
  userSub!: string;
  @ApiProperty({ nullable: true, type: String, example: 'SOCIAL_WORKER' })
  userRole!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'LA888' })
  userOrg!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  childId!: string | null;
  @ApiProperty({ example: 'referral', description: 'referral, case, episode...' })
  resourceKind!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  resourceId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'year=2025-26',
    description: "What part of the record, where the route cannot say (a return's year or reference day)",
  })
  scope!: string | null;
  @ApiProperty({ example: 'GET' })
  method!: string;
  @ApiProperty({ example: '/v1/referrals/{id}', description: 'The route pattern, never the URL called' })
  route!: string;
  @ApiProperty({ example: 200, description: 'The HTTP status the caller got' })
  outcome!: number;
  @ApiProperty({ nullable: true, type: String, description: 'X-Request-Id (or the id the service gave the request): find it in the logs' })
  requestId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'X-Correlation-Id, when the caller sent one' })
  correlationId!: string | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: () => [AuditRecordDto], description: 'Newest first' })
  items!: AuditRecordDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next (older) page; null on the last page' })
  nextBefore!: string | null;
}
