import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@csc/auth';
import { NotChildData } from './audit.decorators';
import { AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto';
import { AuditTrail } from './audit-trail';

const DEFAULT_PAGE = 50;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly trail: AuditTrail) {}

  /** Not itself audited: it shows who touched a child's record, not the record. */
  @Get()
  @Roles('ADMIN')
  @NotChildData()
  @ApiOperation({ summary: "Who read or changed a child's record, or what one user read or changed: newest first" })
  @ApiOkResponse({ type: AuditLogPageDto })
  async find(@Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const items = await this.trail.find({ childId: query.childId, userId: query.userId, before: query.before, limit });
    return { items, nextBefore: items.length === limit ? items[items.length - 1].id : null };
  }
}
