import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { SEX_CODES, type Sex } from '@csc/contracts';
import {
  IsAbsentWhenPresent,
  IsCalendarDate,
  IsNhsNumber,
  IsNotInFuture,
  IsSchoolUrn,
  IsUkPostcode,
  IsUpn,
} from '../validation/validators';

/** A child as a referrer describes them (docs/http-api.md): shared by a referral and a direct request for early help. */
export class ChildDto {
  @ApiProperty({ example: 'Amelia' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName!: string;

  @ApiProperty({ example: 'Testchild' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName!: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; give this or expectedDateOfBirth (unborn), not both', example: '2014-06-01' })
  @ValidateIf((child: ChildDto) => child.dateOfBirth !== undefined || child.expectedDateOfBirth === undefined)
  @IsCalendarDate({ message: 'must be a real date as YYYY-MM-DD (or give expectedDateOfBirth for an unborn child)' })
  @IsNotInFuture()
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'For an unborn child: YYYY-MM-DD, within 40 weeks of the referral' })
  @ValidateIf((child: ChildDto) => child.expectedDateOfBirth !== undefined)
  @IsCalendarDate()
  @IsAbsentWhenPresent('dateOfBirth', 'give dateOfBirth or expectedDateOfBirth, not both (CIN rule 8525Q)')
  expectedDateOfBirth?: string;

  @ApiProperty({ enum: SEX_CODES })
  @IsIn(SEX_CODES)
  sex!: Sex;

  @ApiPropertyOptional({ example: '943 476 5919' })
  @IsOptional()
  @IsNhsNumber()
  nhsNumber?: string;

  @ApiPropertyOptional({ description: 'Unique pupil number' })
  @IsOptional()
  @IsUpn()
  upn?: string;

  @ApiPropertyOptional({ example: 'FY1 4QS' })
  @IsOptional()
  @IsUkPostcode()
  postcode?: string;

  @ApiPropertyOptional({ description: "URN of the school on the child's record", example: '100001' })
  @IsOptional()
  @IsSchoolUrn()
  schoolUrn?: string;
}
