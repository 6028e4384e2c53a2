import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, ArrayNotEmpty, IsIn, IsOptional, ValidateIf } from 'class-validator';
import {
  DISABILITY_CODES,
  ETHNICITY_CODES,
  SEX_CODES,
  UPN_UNKNOWN_REASONS,
  codesOf,
  type Disability,
  type Ethnicity,
  type Sex,
  type UpnUnknownReason,
} from '@csc/contracts';
import { IsCalendarDate, IsUpn } from '@csc/platform';

const UPN_UNKNOWN_REASON_CODES = codesOf(UPN_UNKNOWN_REASONS);

/**
 * The child's census details as a social worker records or corrects them: each field given replaces
 * what was known, `null` clears it, a field left out is unchanged. Only the shape is checked here;
 * the census rules between fields (8525Q, 8535Q, 8790, 8794 ...) are the decider's, answered 422.
 */
export class RecordChildCharacteristicsDto {
  @ApiPropertyOptional({ enum: SEX_CODES, description: 'Cannot be cleared' })
  @ValidateIf((body: RecordChildCharacteristicsDto) => body.sex !== undefined)
  @IsIn(SEX_CODES)
  sex?: Sex;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; null clears (for an unborn child give expectedDateOfBirth)', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD, for an unborn child; null clears', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  expectedDateOfBirth?: string | null;

  @ApiPropertyOptional({ description: 'Unique pupil number; null clears', nullable: true })
  @IsOptional()
  @IsUpn()
  upn?: string | null;

  @ApiPropertyOptional({ description: 'A unique pupil number the child had before; null clears', nullable: true })
  @IsOptional()
  @IsUpn({ message: 'must be a 13-character UPN with a correct check letter (CIN rule 1560Q)' })
  formerUpn?: string | null;

  @ApiPropertyOptional({ enum: UPN_UNKNOWN_REASON_CODES, description: 'Why the UPN is not known; null clears', nullable: true })
  @IsOptional()
  @IsIn(UPN_UNKNOWN_REASON_CODES)
  upnUnknownReason?: UpnUnknownReason | null;

  @ApiPropertyOptional({ enum: ETHNICITY_CODES, description: 'CIN census ethnicity code; null clears', nullable: true })
  @IsOptional()
  @IsIn(ETHNICITY_CODES)
  ethnicity?: Ethnicity | null;

  @ApiPropertyOptional({
    enum: DISABILITY_CODES,
    isArray: true,
    nullable: true,
    description: 'CIN census disability codes: NONE alone, or each disability that applies once; null clears',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'must list NONE or the disabilities that apply (null clears)' })
  @IsIn(DISABILITY_CODES, { each: true, message: 'each must be a CIN census disability code' })
  disabilities?: Disability[] | null;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; null clears', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dateOfDeath?: string | null;
}

export const CHILD_DETAIL_FIELDS = [
  'sex',
  'dateOfBirth',
  'expectedDateOfBirth',
  'upn',
  'formerUpn',
  'upnUnknownReason',
  'ethnicity',
  'disabilities',
  'dateOfDeath',
] as const satisfies readonly (keyof RecordChildCharacteristicsDto)[];
