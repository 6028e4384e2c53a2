import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '@csc/auth';
import { REFERRAL_OUTCOMES } from '@csc/contracts';
import { NotChildData } from '@csc/platform';
import { ProjectionHost } from '@csc/projections';
import { referralsProjection } from '../projections/referrals.projection';
import { APPROPRIATENESS_POLICY } from './appropriateness-policy.provider';
import { proportion, type AppropriatenessPolicy } from './domain/appropriateness-policy';
import { median, sum } from './domain/statistics';
import { cinReferralsMarkedSql } from './re-referral.sql';
import { groupingSql, periodOf, ViewQueryDto } from './view-query.dto';

interface AppropriatenessRow {
  group_key: string;
  outcome: string;
  category: string;
  referrals: number;
  information_requested: number;
  accepted_closed_rc8: number;
  accepted_case_closed: number;
  hours_to_decision: number[];
}

/** Referral views over the current version of the referrals projection; counts always beside what they are out of. */
@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/views')
export class ReferralViewsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionHost,
    @Inject(APPROPRIATENESS_POLICY) private readonly policy: AppropriatenessPolicy,
  ) {}

  @Get('referral-appropriateness')
  @Roles('ANALYST', 'ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'Decided referrals by outcome and appropriateness, the outcome-confirmed measure and referral quality' })
  async appropriateness(@Query() query: ViewQueryDto) {
    const { referrals, cases } = await this.projections.versions.currentTables(referralsProjection);
    const grouping = groupingSql(query.groupBy ?? 'month');
    const period = periodOf(query);
    const rows: AppropriatenessRow[] = await this.dataSource.query(
      `SELECT ${grouping.key} AS group_key, r.outcome, policy.category, count(*)::int AS referrals,
              count(*) FILTER (WHERE r.information_requested)::int AS information_requested,
              count(*) FILTER (WHERE c.closure_reason = 'RC8')::int AS accepted_closed_rc8,
              count(*) FILTER (WHERE c.closed_on IS NOT NULL)::int AS accepted_case_closed,
              array_agg(extract(epoch FROM r.decided_at - r.received_at) / 3600.0) AS hours_to_decision
       FROM ${referrals} r
       JOIN unnest($3::text[], $4::text[]) AS policy (outcome, category) ON policy.outcome = r.outcome
       LEFT JOIN ${cases} c ON c.referral_id = r.referral_id AND r.outcome = 'ACCEPTED_FOR_ASSESSMENT'
       WHERE r.outcome IS NOT NULL AND ${grouping.only}
         AND ($1::date IS NULL OR r.referral_date >= $1) AND ($2::date IS NULL OR r.referral_date <= $2)
       GROUP BY 1, 2, 3 ORDER BY 1, 2`,
      [period.from, period.to, Object.keys(this.policy), Object.values(this.policy)],
    );
    const groups = new Map<string, AppropriatenessRow[]>();
    for (const row of rows) groups.set(row.group_key, [...(groups.get(row.group_key) ?? []), row]);
    return [...groups.entries()].map(([group, outcomes]) => {
      const total = sum(outcomes, (row) => row.referrals);
      const inCategory = (category: string) =>
        sum(
          outcomes.filter((row) => row.category === category),
          (row) => row.referrals,
        );
      const accepted = outcomes.find((row) => row.outcome === 'ACCEPTED_FOR_ASSESSMENT');
      const closedRc8 = accepted?.accepted_closed_rc8 ?? 0;
      return {
        group,
        referrals: total,
        outcomes: Object.fromEntries(
          REFERRAL_OUTCOMES.map((outcome) => [outcome, outcomes.find((row) => row.outcome === outcome)?.referrals ?? 0]),
        ),
        appropriate: proportion(inCategory('APPROPRIATE'), total),
        earlyHelpNeed: proportion(inCategory('EARLY_HELP_NEED'), total),
        inappropriate: proportion(inCategory('INAPPROPRIATE'), total),
        outcomeConfirmed: {
          // Of accepted referrals whose case has closed, those not closed RC8 ("after assessment, no further action").
          assessedInNeed: proportion((accepted?.accepted_case_closed ?? 0) - closedRc8, accepted?.accepted_case_closed ?? 0),
          closedAfterAssessmentNoFurtherAction: proportion(closedRc8, accepted?.referrals ?? 0),
          acceptedStillOpen: (accepted?.referrals ?? 0) - (accepted?.accepted_case_closed ?? 0),
        },
        quality: {
          informationRequested: proportion(
            sum(outcomes, (row) => row.information_requested),
            total,
          ),
          medianHoursToDecision: median(outcomes.flatMap((row) => row.hours_to_decision.map(Number))),
        },
      };
    });
  }

  @Get('re-referrals')
  @Roles('ANALYST', 'ADMIN')
  @NotChildData()
  @ApiOperation({ summary: 'CIN re-referrals within 12 months (DfE): per referral and per child' })
  async reReferrals(@Query() query: ViewQueryDto) {
    const { referrals } = await this.projections.versions.currentTables(referralsProjection);
    const grouping = groupingSql(query.groupBy ?? 'month');
    const period = periodOf(query);
    const rows: { group_key: string; cin_referrals: number; re_referrals: number; children: number; children_re_referred: number }[] =
      await this.dataSource.query(
        `WITH marked AS (${cinReferralsMarkedSql(referrals)})
         SELECT ${grouping.key} AS group_key, count(*)::int AS cin_referrals, count(*) FILTER (WHERE r.re_referral)::int AS re_referrals,
                count(DISTINCT r.child)::int AS children, count(DISTINCT r.child) FILTER (WHERE r.re_referral)::int AS children_re_referred
         FROM marked r
         WHERE ${grouping.only} AND ($1::date IS NULL OR r.referral_date >= $1) AND ($2::date IS NULL OR r.referral_date <= $2)
         GROUP BY 1 ORDER BY 1`,
        [period.from, period.to],
      );
    return rows.map((row) => ({
      group: row.group_key,
      perReferral: proportion(row.re_referrals, row.cin_referrals),
      perChild: proportion(row.children_re_referred, row.children),
    }));
  }
}
