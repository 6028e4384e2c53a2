import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '@csc/auth';
import { NotChildData } from '@csc/platform';
import { ProjectionHost } from '@csc/projections';
import { earlyHelpProjection } from '../projections/early-help.projection';
import { referralsProjection } from '../projections/referrals.projection';
import { APPROPRIATENESS_POLICY } from './appropriateness-policy.provider';
import { proportion, type AppropriatenessPolicy } from './domain/appropriateness-policy';
import { EvaluationQueryDto } from './evaluation-query.dto';
import { periodOf } from './view-query.dto';
import { cinReferralsMarkedSql } from './re-referral.sql';

type Side = 'before' | 'after';
interface ReferralFigures {
  in_cohort: boolean;
  side: Side;
  schools: number;
  referrals: number;
  appropriate: number;
  early_help_need: number;
  inappropriate: number;
  cin_referrals: number;
  re_referrals: number;
}
interface EarlyHelpFigures {
  in_cohort: boolean;
  side: Side;
  families: number;
}

/**
 * Better Together's question: did the schools that joined a programme refer more or less, more or
 * less appropriately, with fewer children coming back, and bring more families into early help,
 * after they joined than before; beside the same figures for every other school over the same
 * periods. Schools' referrals only (source 2A, by the referrer's URN), counted by referral date;
 * early help families by the day the episode a school asked for opened.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('v1/views')
export class EvaluationViewController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionHost,
    @Inject(APPROPRIATENESS_POLICY) private readonly policy: AppropriatenessPolicy,
  ) {}

  @Get('evaluation')
  @Roles('ANALYST', 'ADMIN')
  @NotChildData()
  @ApiOperation({
    summary:
      'A cohort of schools before and after a start date, beside all other schools: referrals, appropriateness, re-referrals, early help',
  })
  async evaluation(@Query() query: EvaluationQueryDto) {
    const period = periodOf(query);
    if (period.from && query.since < period.from) throw new BadRequestException(['since: must not be before from']);
    if (period.to && query.since > period.to) throw new BadRequestException(['since: must not be after to']);
    const { referrals } = await this.projections.versions.currentTables(referralsProjection);
    const { episodes } = await this.projections.versions.currentTables(earlyHelpProjection);
    const parameters = [query.schools, query.since, period.from, period.to];
    const referralFigures: ReferralFigures[] = await this.dataSource.query(
      `WITH marked AS (${cinReferralsMarkedSql(referrals)}),
       schools_referrals AS (
         SELECT r.referrer_organisation_id AS school, r.referrer_organisation_id = ANY($1::text[]) AS in_cohort,
                CASE WHEN r.referral_date < $2::date THEN 'before' ELSE 'after' END AS side,
                policy.category, r.cin_referral, coalesce(m.re_referral, false) AS re_referral
         FROM ${referrals} r
         JOIN unnest($5::text[], $6::text[]) AS policy (outcome, category) ON policy.outcome = r.outcome
         LEFT JOIN marked m ON m.referral_id = r.referral_id
         WHERE r.source = '2A' AND r.referrer_organisation_id IS NOT NULL
           AND ($3::date IS NULL OR r.referral_date >= $3) AND ($4::date IS NULL OR r.referral_date <= $4)
       )
       SELECT in_cohort, side, count(DISTINCT school)::int AS schools, count(*)::int AS referrals,
              count(*) FILTER (WHERE category = 'APPROPRIATE')::int AS appropriate,
              count(*) FILTER (WHERE category = 'EARLY_HELP_NEED')::int AS early_help_need,
              count(*) FILTER (WHERE category = 'INAPPROPRIATE')::int AS inappropriate,
              count(*) FILTER (WHERE cin_referral)::int AS cin_referrals,
              count(*) FILTER (WHERE re_referral)::int AS re_referrals
       FROM schools_referrals GROUP BY 1, 2`,
      [...parameters, Object.keys(this.policy), Object.values(this.policy)],
    );
    // A school is any organisation that has referred as one (source 2A); an episode a school asked for is its family in early help.
    const earlyHelpFigures: EarlyHelpFigures[] = await this.dataSource.query(
      `SELECT e.requested_by_organisation_id = ANY($1::text[]) AS in_cohort,
              CASE WHEN e.opened_on < $2::date THEN 'before' ELSE 'after' END AS side, count(*)::int AS families
       FROM ${episodes} e
       WHERE e.opened_on IS NOT NULL AND ($3::date IS NULL OR e.opened_on >= $3) AND ($4::date IS NULL OR e.opened_on <= $4)
         AND (e.requested_by_organisation_id = ANY($1::text[])
              OR e.requested_by_organisation_id IN (SELECT referrer_organisation_id FROM ${referrals} WHERE source = '2A'))
       GROUP BY 1, 2`,
      parameters,
    );
    const figures = (inCohort: boolean, side: Side) => {
      const row = referralFigures.find((candidate) => candidate.in_cohort === inCohort && candidate.side === side);
      const referred = row?.referrals ?? 0;
      return {
        schoolsReferring: row?.schools ?? 0,
        referrals: referred,
        appropriate: proportion(row?.appropriate ?? 0, referred),
        earlyHelpNeed: proportion(row?.early_help_need ?? 0, referred),
        inappropriate: proportion(row?.inappropriate ?? 0, referred),
        reReferrals: proportion(row?.re_referrals ?? 0, row?.cin_referrals ?? 0),
        earlyHelpFamilies: earlyHelpFigures.find((candidate) => candidate.in_cohort === inCohort && candidate.side === side)?.families ?? 0,
      };
    };
    return {
      since: query.since,
      from: period.from,
      to: period.to,
      cohort: { schools: [...new Set(query.schools)].sort(), before: figures(true, 'before'), after: figures(true, 'after') },
      otherSchools: { before: figures(false, 'before'), after: figures(false, 'after') },
    };
  }
}
