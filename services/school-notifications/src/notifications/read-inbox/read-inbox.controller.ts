import { Controller, ForbiddenException, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { AuditChildRecord } from '@csc/platform';
import { SCHOOL_NOTIFICATION_COLUMNS, toSchoolNotification, type SchoolNotificationRow } from '../school-notification';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'The id of the last notification already read: the page starts after it' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only this child (404 when the school has been told nothing of them)' })
  @IsOptional()
  @IsUUID()
  childId?: string;
}

/** A school reads what it has been told, in the order it was told, a page at a time. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/schools/:urn/notifications')
export class ReadInboxController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('SCHOOL')
  @AuditChildRecord('notification', { idParam: 'urn' })
  @ApiOperation({ summary: "The school's inbox, oldest first; pass the last id read as `after` for the next page" })
  async inbox(@Param('urn') urn: string, @Query() query: InboxQueryDto, @CurrentUser() user: AuthenticatedUser) {
    if (user.org !== urn) throw new ForbiddenException(['urn: a school reads only its own notifications']);
    const rows: SchoolNotificationRow[] = await this.dataSource.query(
      `SELECT ${SCHOOL_NOTIFICATION_COLUMNS} FROM notifications
       WHERE school_urn = $1
         AND ($2::uuid IS NULL OR inbox_sequence > (SELECT inbox_sequence FROM notifications WHERE notification_id = $2 AND school_urn = $1))
         AND ($3::uuid IS NULL OR child_id = $3)
       ORDER BY inbox_sequence LIMIT $4`,
      [urn, query.after ?? null, query.childId ?? null, query.limit ?? 50],
    );
    if (query.childId && !query.after && rows.length === 0) throw new NotFoundException([`childId: nothing for child ${query.childId}`]);
    return rows.map(toSchoolNotification);
  }
}
