import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { IsCalendarDate, IsSchoolUrn } from '@csc/platform';
import { PeriodQueryDto } from './view-query.dto';

/** A cohort of schools and the day they started something (joined a programme); the period bounds both sides. */
export class EvaluationQueryDto extends PeriodQueryDto {
  @ApiProperty({ description: "The cohort's school URNs, comma-separated", example: '100001,100002', type: String })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((urn) => urn.trim()) : value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsSchoolUrn({ each: true })
  schools!: string[];

  @ApiProperty({
    description: 'The start date: referrals before it are "before", from it on are "after" (YYYY-MM-DD)',
    example: '2024-09-01',
  })
  @IsCalendarDate()
  since!: string;
}
