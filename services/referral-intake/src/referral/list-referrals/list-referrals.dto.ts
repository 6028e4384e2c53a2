import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional, ValidateBy } from 'class-validator';
import { REFERRAL_SOURCE_CODES, type ReferralSource } from '@csc/contracts';
import { IsCalendarDate, IsSchoolUrn, PageQueryDto } from '@csc/platform';
import { REFERRAL_STATUSES, type ReferralStatus } from '../referral.decider';

/** `status=RECEIVED,AWAITING_INFORMATION` or the parameter repeated: one list either way. */
const listOf = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((item) => String(item).split(',')) : value;

/** The front door's queue: its filters, each validated like any other input, and the shared page (`after`, `limit`). */
export class ListReferralsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Only these statuses, comma-separated or repeated; none given: every status. The undecided queue: RECEIVED,AWAITING_INFORMATION',
    enum: REFERRAL_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(listOf)
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REFERRAL_STATUSES, { each: true, message: `must be one of ${REFERRAL_STATUSES.join(', ')}` })
  status?: ReferralStatus[];

  @ApiPropertyOptional({ description: 'CIN census ReferralSource', enum: REFERRAL_SOURCE_CODES, example: '2A' })
  @IsOptional()
  @IsIn(REFERRAL_SOURCE_CODES, { message: 'must be a CIN census ReferralSource code (1A-10)' })
  source?: ReferralSource;

  @ApiPropertyOptional({ description: "The child's school at referral, by URN", example: '100002' })
  @IsOptional()
  @IsSchoolUrn()
  schoolUrn?: string;

  @ApiPropertyOptional({ description: 'Received on or after this day (in England), YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  @ValidateBy({
    name: 'notAfterReceivedTo',
    validator: {
      validate: (value, args) => {
        const to = (args?.object as ListReferralsQueryDto).receivedTo;
        return typeof value !== 'string' || typeof to !== 'string' || value <= to;
      },
      defaultMessage: () => 'must not be after receivedTo',
    },
  })
  receivedFrom?: string;

  @ApiPropertyOptional({ description: 'Received on or before this day (in England), YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  receivedTo?: string;
}
