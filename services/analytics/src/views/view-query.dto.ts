import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '@csc/platform';

export const GROUPINGS = ['school', 'source', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A view's period, both ends included (by the date each view names: referral date, authorisation, opening). */
export class PeriodQueryDto {
  @ApiPropertyOptional({ description: 'First day included, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day included, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** A referral view's period (by referral date) and grouping. */
export class ViewQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: GROUPINGS, default: 'month', description: 'school: the referring school (source 2A), by URN' })
  @IsOptional()
  @IsIn(GROUPINGS)
  groupBy?: Grouping;
}

/** SQL for the group's key, over a referrals table aliased `r`; a school grouping keeps only schools' referrals. */
export const groupingSql = (groupBy: Grouping): { key: string; only: string } => {
  switch (groupBy) {
    case 'school':
      return { key: 'r.referrer_organisation_id', only: `r.source = '2A' AND r.referrer_organisation_id IS NOT NULL` };
    case 'source':
      return { key: 'r.source', only: 'true' };
    case 'month':
      return { key: `to_char(r.referral_date, 'YYYY-MM')`, only: 'true' };
  }
};

/** The period as SQL parameters (null for an open end); a period that ends before it starts is refused, naming the field. */
export const periodOf = (query: PeriodQueryDto): { from: string | null; to: string | null } => {
  if (query.from && query.to && query.from > query.to) throw new BadRequestException(['from: must not be after to']);
  return { from: query.from ?? null, to: query.to ?? null };
};
