import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '@csc/auth';
import { NotChildData } from '@csc/platform';
import { areasProgressed, type LadderScores } from '@csc/domain';
import { ProjectionHost } from '@csc/projections';
import { earlyHelpProjection } from '../projections/early-help.projection';
import { proportion } from './domain/appropriateness-policy';
import { PeriodQueryDto, periodOf } from './view-query.dto';

interface FunnelRow {
  referred: number;
  not_progressed: number;
  supported: number;
  graduated: number;
  left_without_graduating: number;
  active: number;
  stepped_up: number;
  moved_away: number;
}

/**
 * Early help as Team Around the School counted it, for the episodes opened in the period: how many
 * were referred, did not progress onto support, were supported (a plan agreed), graduated, left
 * without graduating, are still active or were stepped up to social care; and, of the families with
 * two ladder readings, how many progressed in at least one and in five or more outcome areas.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/views')
export class EarlyHelpViewController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionHost,
  ) {}

  @Get('early-help-outcomes')
  @Roles('ANALYST', 'ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'The early help funnel and outcomes ladder progress, for episodes opened in the period' })
  async earlyHelpOutcomes(@Query() query: PeriodQueryDto) {
    const period = periodOf(query);
    const { episodes, ladder_readings } = await this.projections.versions.currentTables(earlyHelpProjection);
    const inPeriod = `($1::date IS NULL OR e.opened_on >= $1) AND ($2::date IS NULL OR e.opened_on <= $2)`;
    const [funnel]: FunnelRow[] = await this.dataSource.query(
      `SELECT count(*)::int AS referred,
              count(*) FILTER (WHERE e.outcome = 'NOT_PROGRESSED')::int AS not_progressed,
              count(*) FILTER (WHERE e.plan_agreed_on IS NOT NULL)::int AS supported,
              count(*) FILTER (WHERE e.outcome = 'GRADUATED')::int AS graduated,
              count(*) FILTER (WHERE e.outcome = 'LEFT_WITHOUT_GRADUATING')::int AS left_without_graduating,
              count(*) FILTER (WHERE e.closed_on IS NULL)::int AS active,
              count(*) FILTER (WHERE e.stepped_up)::int AS stepped_up,
              count(*) FILTER (WHERE e.outcome = 'MOVED_AWAY')::int AS moved_away
       FROM ${episodes} e WHERE e.opened_on IS NOT NULL AND ${inPeriod}`,
      [period.from, period.to],
    );
    // The first and the last reading of each family read at least twice, in the order they were scored.
    const pairs: { first: LadderScores; last: LadderScores }[] = await this.dataSource.query(
      `SELECT (array_agg(l.scores ORDER BY l.scored_on, l.stream_version))[1] AS first,
              (array_agg(l.scores ORDER BY l.scored_on DESC, l.stream_version DESC))[1] AS last
       FROM ${ladder_readings} l JOIN ${episodes} e ON e.episode_id = l.episode_id
       WHERE ${inPeriod}
       GROUP BY l.episode_id HAVING count(*) >= 2`,
      [period.from, period.to],
    );
    const progressed = pairs.map(({ first, last }) => areasProgressed(first, last).length);
    const ofReferred = (count: number) => proportion(count, funnel.referred);
    return {
      from: period.from,
      to: period.to,
      funnel: {
        referred: funnel.referred,
        notProgressed: ofReferred(funnel.not_progressed),
        supported: ofReferred(funnel.supported),
        graduated: ofReferred(funnel.graduated),
        leftWithoutGraduating: ofReferred(funnel.left_without_graduating),
        active: ofReferred(funnel.active),
        steppedUp: ofReferred(funnel.stepped_up),
        movedAway: ofReferred(funnel.moved_away),
      },
      ladder: {
        familiesWithTwoReadings: pairs.length,
        progressedInAtLeastOneArea: proportion(progressed.filter((areas) => areas >= 1).length, pairs.length),
        progressedInFiveOrMoreAreas: proportion(progressed.filter((areas) => areas >= 5).length, pairs.length),
      },
    };
  }
}
