import { Controller, Get, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { londonDateOf } from '@csc/domain';
import { AuditChildRecord, noteAuditedChild, noteAuditScope } from '@csc/platform';
import { ChildRecordsRepository } from '../../child-records/child-records.repository';
import type { ChildRecord } from '../../child-records/domain/child-record';
import { laChildIdOf } from '../../child-records/domain/la-child-id';
import { LocalAuthority } from '../../local-authority/local-authority';
import { writeAnnexAWorkbook } from '../annex-a-workbook';
import { annexALists } from '../domain/annex-a-lists';
import { AnnexAQueryDto } from './annex-a-query.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Ofsted's Annex A lists, as a workbook for the start of an inspection: every child in any list is
 * in the audit trail as disclosed by this call.
 */
@ApiTags('returns')
@ApiBearerAuth()
@Controller('v1/returns/annex-a')
export class MakeAnnexAController {
  constructor(
    private readonly records: ChildRecordsRepository,
    private readonly authority: LocalAuthority,
  ) {}

  @Get()
  @Roles('ANALYST', 'ADMIN')
  @AuditChildRecord('annex-a-return')
  @ApiOperation({ summary: "Ofsted's Annex A lists 1-8 as an .xlsx workbook, one sheet per list with Ofsted's column headings" })
  @ApiOkResponse({ content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  async annexA(@Query() query: AnnexAQueryDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<StreamableFile> {
    this.authority.assertOwn(user.org);
    const asOf = query.asOf ?? londonDateOf(new Date());
    noteAuditScope(request, `asOf=${asOf}`);
    const children = await this.records.read(async (reader) => {
      const read: ChildRecord[] = [];
      for await (const chunk of reader.records(await reader.activeInYearTo(asOf))) read.push(...chunk);
      return read;
    });
    const lists = annexALists(children, asOf);
    // The first column of every list is the child's unique ID: those are the children disclosed.
    const listed = new Set(lists.flatMap((list) => list.rows.map((row) => row[0])));
    for (const child of children) if (listed.has(laChildIdOf(child.childId))) noteAuditedChild(request, child.childId);
    return new StreamableFile(await writeAnnexAWorkbook(lists, new Date()), {
      type: XLSX,
      disposition: `attachment; filename="annex-a-${asOf}.xlsx"`,
    });
  }
}
