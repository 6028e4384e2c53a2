import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate, IsNotInFuture } from '@csc/platform';

export class AnnexAQueryDto {
  @ApiPropertyOptional({ description: "The day the lists are drawn up to (YYYY-MM-DD), usually the inspection's first day; default today" })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  asOf?: string;
}
