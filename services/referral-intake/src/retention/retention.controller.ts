import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { londonDateOf } from '@csc/domain';
import { AuditChildRecord, IsCalendarDate } from '@csc/platform';
import { RetentionSweep } from './retention-sweep';

export class RetentionAsOfDto {
  @ApiPropertyOptional({ description: 'The day to judge retention on (default today, London)', example: '2031-04-01' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('v1/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionSweep) {}

  @Get('erasures-due')
  @Roles('ADMIN')
  @AuditChildRecord('child', { idParam: 'childId' })
  @ApiOperation({ summary: 'Dry run: the children whose retention period has ended (ids and dates, no personal data)' })
  async due(@Query() query: RetentionAsOfDto) {
    return this.retention.due(query.asOf ?? londonDateOf(new Date()));
  }

  @Post('sweeps')
  @HttpCode(200)
  @Roles('ADMIN')
  @AuditChildRecord('child', { idParam: 'childId' })
  @ApiOperation({ summary: 'Erase every child the dry run lists for that day; returns the erasures' })
  async sweep(@Body() body: RetentionAsOfDto, @CurrentUser() user: AuthenticatedUser) {
    return this.retention.sweep(body.asOf ?? londonDateOf(new Date()), { sub: user.sub, role: user.role, org: user.org });
  }
}
