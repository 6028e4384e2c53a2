import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASSESSMENT_FACTOR_CODES, REFERRAL_SOURCE_CODES, type AssessmentFactor, type ReferralSource } from '@csc/contracts';
import { ChildDto, IsInstant, IsNotInFuture } from '@csc/platform';

export { ChildDto };

export class ReferrerDto {
  @ApiProperty({ description: 'CIN census ReferralSource', enum: REFERRAL_SOURCE_CODES, example: '2A' })
  @IsIn(REFERRAL_SOURCE_CODES)
  source!: ReferralSource;

  @ApiPropertyOptional({ description: "A school's URN or another organisation's code; a school must give its own URN", example: '100001' })
  @IsOptional()
  @IsString()
  @Matches(/^[\w-]{1,50}$/, { message: 'must be an organisation code of up to 50 letters, digits, - or _' })
  organisationId?: string;

  @ApiProperty({ example: 'Designated Safeguarding Lead' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'DSL' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[\d\s()-]{7,20}$/, { message: 'must be a telephone number' })
  phone?: string;
}

export class ConcernsDto {
  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary!: string;

  @ApiPropertyOptional({ description: 'CIN census assessment factor codes', enum: ASSESSMENT_FACTOR_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(ASSESSMENT_FACTOR_CODES, { each: true, message: 'each must be a CIN census assessment factor code' })
  factors?: AssessmentFactor[];
}

export class ConsentDto {
  @ApiProperty()
  @IsBoolean()
  given!: boolean;

  @ApiPropertyOptional({ description: 'Required when consent was not given: why it was not needed (e.g. risk of significant harm)' })
  @ValidateIf((consent: ConsentDto) => consent.given === false || consent.notRequiredReason !== undefined)
  @IsString({ message: 'is required when consent.given is false: say why consent was not needed' })
  @IsNotEmpty({ message: 'is required when consent.given is false: say why consent was not needed' })
  @MaxLength(1000)
  notRequiredReason?: string;
}

export class ReceiveReferralDto {
  @ApiPropertyOptional({ description: 'When the front door received it; defaults to now', example: '2025-01-03T09:15:00Z' })
  @IsOptional()
  @IsInstant()
  @IsNotInFuture()
  receivedAt?: string;

  @ApiProperty({ type: () => ReferrerDto })
  @IsObject({ message: 'is required: an object' })
  @ValidateNested()
  @Type(() => ReferrerDto)
  referrer!: ReferrerDto;

  @ApiProperty({ type: () => ChildDto })
  @IsObject({ message: 'is required: an object' })
  @ValidateNested()
  @Type(() => ChildDto)
  child!: ChildDto;

  @ApiProperty({ type: () => ConcernsDto })
  @IsObject({ message: 'is required: an object' })
  @ValidateNested()
  @Type(() => ConcernsDto)
  concerns!: ConcernsDto;

  @ApiProperty({ type: () => ConsentDto })
  @IsObject({ message: 'is required: an object' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;
}

export class ReferralCreatedDto {
  @ApiProperty() referralId!: string;
  @ApiProperty() childId!: string;
  @ApiProperty({ enum: ['RECEIVED'] }) status!: 'RECEIVED';
  @ApiProperty() version!: number;
  @ApiProperty() matchedExistingChild!: boolean;
}
