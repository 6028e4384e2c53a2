import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { IsCalendarDate, IsNhsNumber, IsUpn } from '@csc/platform';

/** One field given only with another: the index keys a name and a date of birth together, never either alone. */
const GivenWith = (other: 'familyName' | 'dateOfBirth') =>
  ValidateBy({
    name: `givenWith_${other}`,
    validator: {
      validate: (_value, args) => typeof (args?.object as Record<string, unknown>)[other] === 'string',
      defaultMessage: () => `is searched only together with ${other}`,
    },
  });

/** The front door's search for a child: by NHS number, UPN, or family name with date of birth (any of them; at least one). */
export class FindChildrenQueryDto {
  @ApiPropertyOptional({ example: '9434765919' })
  @IsOptional()
  @IsNhsNumber()
  nhsNumber?: string;

  @ApiPropertyOptional({ example: 'N201300012004' })
  @IsOptional()
  @IsUpn()
  upn?: string;

  @ApiPropertyOptional({
    description: 'Compared as the child index compares it: parts in any order, case, accents and punctuation ignored',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @GivenWith('dateOfBirth')
  familyName?: string;

  @ApiPropertyOptional({ description: 'A born child’s date of birth, YYYY-MM-DD, with familyName' })
  @IsOptional()
  @IsCalendarDate()
  @GivenWith('familyName')
  dateOfBirth?: string;
}
