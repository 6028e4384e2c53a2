import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class DeadLettersQueryDto {
  @ApiPropertyOptional({ enum: ['PARKED', 'REPLAYED', 'DISCARDED', 'ALL'], default: 'PARKED', description: 'PARKED: not yet dealt with' })
  @IsOptional()
  @IsIn(['PARKED', 'REPLAYED', 'DISCARDED', 'ALL'])
  status?: 'PARKED' | 'REPLAYED' | 'DISCARDED' | 'ALL';

  @ApiPropertyOptional({ description: 'Only the letters of this consumer group' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  consumer?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ReplayAllDto {
  @ApiPropertyOptional({ description: 'Only the letters of this consumer group' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  consumer?: string;
}

export class DiscardDeadLetterDto {
  @ApiProperty({ description: 'Why it needs no replay (ids and types only: no personal data)', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
