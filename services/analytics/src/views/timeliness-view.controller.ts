import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '@csc/auth';
import { NotChildData } from '@csc/platform';
import { ProjectionHost } from '@csc/projections';
import { timelinessProjection } from '../projections/timeliness.projection';
import { proportion } from './domain/appropriateness-policy';
import { PeriodQueryDto, periodOf } from './view-query.dto';

interface ClockRow {
  month: string;
  measured: number;
  within: number;
  unmeasured: number;
  median_working_days: number | null;
}

/**
 * Timeliness by the step's own date: assessments by the day they were authorised, initial
 * conferences by the day they were held. A conference with no strategy discussion has no clock
 * to be measured against; it is counted beside, not in, the rate.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/views')
export class TimelinessViewController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionHost,
  ) {}

  @Get('timeliness')
  @Roles('ANALYST', 'ADMIN')
  @NotChildData()
  @ApiOperation({
    summary: 'Assessments authorised within 45 working days of the referral; ICPCs within 15 working days of the strategy discussion',
  })
  async timeliness(@Query() query: PeriodQueryDto) {
    const period = periodOf(query);
    const { assessments, initial_conferences } = await this.projections.versions.currentTables(timelinessProjection);
    const [assessed, conferences] = await Promise.all([
      this.clock(assessments, 'authorised_on', period),
      this.clock(initial_conferences, 'held_on', period),
    ]);
    const months = [...new Set([...assessed, ...conferences].map((row) => row.month))].filter((month) => month !== 'all').sort();
    const summary = (rows: ClockRow[], month: string) => {
      const row = rows.find((candidate) => candidate.month === month);
      return {
        withinTimescale: proportion(row?.within ?? 0, row?.measured ?? 0),
        medianWorkingDays: row?.median_working_days === null || row === undefined ? null : Number(row.median_working_days),
      };
    };
    return {
      from: period.from,
      to: period.to,
      assessments: { ...summary(assessed, 'all'), timescaleWorkingDays: 45 },
      initialChildProtectionConferences: {
        ...summary(conferences, 'all'),
        timescaleWorkingDays: 15,
        withoutStrategyDiscussion: conferences.find((row) => row.month === 'all')?.unmeasured ?? 0,
      },
      byMonth: months.map((month) => ({
        month,
        assessments: summary(assessed, month).withinTimescale,
        initialChildProtectionConferences: summary(conferences, month).withinTimescale,
      })),
    };
  }

  /** One row per month and one for the whole period ('all'), from a table of measured steps. */
  private clock(table: string, dateColumn: string, period: { from: string | null; to: string | null }): Promise<ClockRow[]> {
    return this.dataSource.query(
      `SELECT coalesce(to_char(${dateColumn}, 'YYYY-MM'), 'all') AS month,
              count(*) FILTER (WHERE within_timescale IS NOT NULL)::int AS measured,
              count(*) FILTER (WHERE within_timescale)::int AS within,
              count(*) FILTER (WHERE within_timescale IS NULL)::int AS unmeasured,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY working_days)::numeric, 1) AS median_working_days
       FROM ${table}
       WHERE ${dateColumn} IS NOT NULL AND ($1::date IS NULL OR ${dateColumn} >= $1) AND ($2::date IS NULL OR ${dateColumn} <= $2)
       GROUP BY ROLLUP (to_char(${dateColumn}, 'YYYY-MM'))`,
      [period.from, period.to],
    );
  }
}
