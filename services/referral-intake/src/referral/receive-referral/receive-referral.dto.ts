import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
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
import {
  ASSESSMENT_FACTOR_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  REFERRAL_SOURCE_CODES,
  UPN_UNKNOWN_REASONS,
  codesOf,
  type AssessmentFactor,
  type Disability,
  type Ethnicity,
  type ReferralSource,
  type UpnUnknownReason,
} from '@csc/contracts';
import { ChildDto, IsAbsentWhenPresent, IsInstant, IsNotInFuture, IsUpn } from '@csc/platform';

const UPN_UNKNOWN_REASON_CODES = codesOf(UPN_UNKNOWN_REASONS);

/**
 * The child as a referrer describes them, with what the referrer may know of the child's census
 * characteristics. Only a referral records these (ReferralReceived's sealed subject): the shared
 * ChildDto stays without them, so that early help's request refuses them rather than dropping them.
 */
export class ReferredChildDto extends ChildDto {
  @ApiPropertyOptional({ description: 'CIN census ethnicity code', enum: ETHNICITY_CODES, example: 'WBRI' })
  @IsOptional()
  @IsIn(ETHNICITY_CODES)
  ethnicity?: Ethnicity;

  @ApiPropertyOptional({
    description: 'CIN census disability codes: NONE alone, or each disability that applies once',
    enum: DISABILITY_CODES,
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'must list NONE or the disabilities that apply' })
  @IsIn(DISABILITY_CODES, { each: true, message: 'each must be a CIN census disability code' })
  disabilities?: Disability[];

  @ApiPropertyOptional({ description: 'Why the UPN is not known (UN1-UN7); not with upn', enum: UPN_UNKNOWN_REASON_CODES })
  @IsOptional()
  @IsIn(UPN_UNKNOWN_REASON_CODES)
  @IsAbsentWhenPresent('upn', 'give upn or upnUnknownReason, not both')
  upnUnknownReason?: UpnUnknownReason;

  @ApiPropertyOptional({ description: 'A unique pupil number the child had before' })
  @IsOptional()
  @IsUpn({ message: 'must be a 13-character UPN with a correct check letter (CIN rule 1560Q)' })
  formerUpn?: string;
}

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

  @ApiProperty({ type: () => ReferredChildDto })
  @IsObject({ message: 'is required: an object' })
  @ValidateNested()
  @Type(() => ReferredChildDto)
  child!: ReferredChildDto;

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
