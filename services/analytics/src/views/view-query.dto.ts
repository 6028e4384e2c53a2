import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '@csc/platform';

export const GROUPINGS = ['school', 'source', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A view's period (by referral date, both ends included) and grouping. */
export class ViewQueryDto {
  @ApiPropertyOptional({ enum: GROUPINGS, default: 'month', description: 'school: the referring school (source 2A), by URN' })
  @IsOptional()
  @IsIn(GROUPINGS)
  groupBy?: Grouping;

  @ApiPropertyOptional({ description: 'First referral date included, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last referral date included, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
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
