import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, PageQueryDto } from '@csc/platform';
import { CASE_STAGES, type CaseStage } from '../domain/case-stage';

/** The caseload's filters, validated like any input: a filter the list does not know is a 400, never ignored. */
export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_STAGES, description: "Only cases at this stage (the case view's `stage`)" })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @ApiPropertyOptional({ format: 'date', description: 'Only cases whose next due date is before this date (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only cases whose next due date has passed (true), or has not or is none (false)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  overdue?: 'true' | 'false';
}
