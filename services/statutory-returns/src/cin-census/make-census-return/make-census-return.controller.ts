import { Controller, Get, Param, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@csc/auth';
import { AuditChildRecord, noteAuditedChild, noteAuditScope } from '@csc/platform';
import { LocalAuthority } from '../../local-authority/local-authority';
import { CinCensusReturns } from '../cin-census-returns';
import type { CensusReturn, CollectionYear } from '../domain/census-return';
import { censusXml } from '../domain/census-xml';
import { validateCensus } from '../domain/validate-census';
import { CENSUS_FILE_SOURCE } from './census-file-source';
import { CensusYearPipe } from './census-year.pipe';

/**
 * The CIN census return and its pre-submission check, for the LA's analysts and admins. Both name
 * every child in them, so every call is in the audit trail, one row per child it disclosed.
 */
@ApiTags('returns')
@ApiBearerAuth()
@Controller('v1/returns/cin-census')
export class MakeCensusReturnController {
  constructor(
    private readonly returns: CinCensusReturns,
    private readonly authority: LocalAuthority,
  ) {}

  @Get(':year')
  @Roles('ANALYST', 'ADMIN')
  @AuditChildRecord('cin-census-return')
  @ApiParam({ name: 'year', example: '2025-26', description: 'The collection year, 1 April to 31 March' })
  @ApiOperation({ summary: "The CIN census file for the year (the DfE's 2025-26 XML), ready to load into the DfE's collection system" })
  @ApiOkResponse({ content: { 'application/xml': { schema: { type: 'string' } } } })
  async censusFile(
    @Param('year', CensusYearPipe) year: CollectionYear,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const census = await this.returnOf(year, user, request);
    // Set here, not by decorator: an error answered instead must still say it is JSON.
    response.setHeader('Content-Type', 'application/xml; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="CIN_census_${year.label}_${census.laCode}.xml"`);
    return censusXml(census, { ...CENSUS_FILE_SOURCE, madeAt: new Date() });
  }

  @Get(':year/report')
  @Roles('ANALYST', 'ADMIN')
  @AuditChildRecord('cin-census-return')
  @ApiParam({ name: 'year', example: '2025-26' })
  @ApiOperation({
    summary:
      "Every finding of the DfE's validation rules the year's return breaks, each naming the child, case and element, with counts by rule",
  })
  async censusReport(@Param('year', CensusYearPipe) year: CollectionYear, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    const census = await this.returnOf(year, user, request);
    const report = validateCensus(census);
    return {
      year: year.label,
      collectionPeriod: { start: year.start, end: year.end },
      children: census.children.length,
      cinDetails: census.children.reduce((sum, child) => sum + child.episodes.length, 0),
      errors: report.errors,
      queries: report.queries,
      counts: report.counts,
      findings: report.findings,
    };
  }

  private async returnOf(year: CollectionYear, user: AuthenticatedUser, request: Request): Promise<CensusReturn> {
    this.authority.assertOwn(user.org);
    noteAuditScope(request, `year=${year.label}`);
    const census = await this.returns.returnFor(year);
    for (const child of census.children) noteAuditedChild(request, child.childId);
    if (census.children.length === 0) {
      throw new UnprocessableEntityException([`year: no child had a CIN episode open in ${year.label}; there is no return to make`]);
    }
    return census;
  }
}
